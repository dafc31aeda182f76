"""Shared fixtures and options; the code lives in sitebuild.py.

Test modules import helpers with `from sitebuild import ...`, never `from conftest import ...`: with several
conftest.py files in the tree (tests/robustness/ has its own) the module name `conftest` is ambiguous.
"""
from sitebuild import *  # noqa: F401,F403  (fixtures and the --update-golden option are found here by pytest)
from sitebuild import pytest_addoption  # noqa: F401  (a hook: import it by name, * skips nothing but be explicit)
