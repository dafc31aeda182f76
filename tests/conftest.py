"""Shared fixtures and options; the code lives in sitebuild.py.

Test modules import helpers with `from sitebuild import ...`, never `from conftest import ...`: with several
conftest.py files in the tree (tests/robustness/ has its own) the module name `conftest` is ambiguous.

Property tests are deterministic in `make test`: the "ci" profile derandomises hypothesis (examples follow from
each test's own code), keeps no example database (a failure saved in .hypothesis/ would fail every later run)
and has no timing-based checks (a slow machine must not fail by chance). Random exploration is `make fuzz`,
the "fuzz" profile: fresh seeds, many more examples, failures kept in .hypothesis/ to replay.
"""
import os

from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=2000, deadline=None, print_blob=True,
                          database=DirectoryBasedExampleDatabase(".hypothesis/examples"),
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("ARSHIF_HYPOTHESIS_PROFILE", "ci"))

from sitebuild import *  # noqa: F401,F403,E402  (fixtures and the --update-golden option are found here by pytest)
from sitebuild import pytest_addoption  # noqa: F401,E402  (a hook: import it by name, * skips nothing but be explicit)
