"""The wheel carries the archive skeleton (mkdocs.yml, overrides/, hooks/, the hand-written files of docs/):
copied from this repository into arshif/skeleton/ when the package is built, so `arshif new` works anywhere.
Everything else about the package is in pyproject.toml."""
import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


def _skeleton_module():
    spec = importlib.util.spec_from_file_location("_arshif_skeleton", ROOT / "src" / "arshif" / "build" / "skeleton.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildWithSkeleton(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "arshif" / "skeleton"
        if (ROOT / "mkdocs.yml").is_file():  # an sdist holds the same files (MANIFEST.in)
            _skeleton_module().copy_skeleton(ROOT, target)


setup(cmdclass={"build_py": BuildWithSkeleton})
