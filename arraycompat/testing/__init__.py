"""Testing a library on every array backend: assertions and a pytest plugin.

>>> import numpy
>>> from arraycompat.testing import assert_close
>>> assert_close(numpy.ones(2), numpy.ones(2))

The pytest plugin (``xp`` and ``device`` fixtures, ``skip_xp_backends`` and
``xfail_xp_backends`` markers, ``--xp``) is opt-in: a project switches it on with
``pytest_plugins = ["arraycompat.testing.plugin"]`` in its root ``conftest.py``.
"""

from ._assertions import assert_close, assert_equal, assert_less
from ._backends import BACKENDS, installed_backends, load_backend
from ._capabilities import Capabilities, capabilities_table, make_xp_test_case, xp_capabilities
from ._lazy_functions import lazy_xp_function

__all__ = [
    "BACKENDS",
    "Capabilities",
    "capabilities_table",
    "lazy_xp_function",
    "make_xp_test_case",
    "xp_capabilities",
    "assert_close",
    "assert_equal",
    "assert_less",
    "installed_backends",
    "load_backend",
]
