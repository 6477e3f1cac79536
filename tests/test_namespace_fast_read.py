"""A cached ``xp.fn`` read is a plain dict read, as fast as ``numpy.fn``."""

import pickle

import numpy as np

import arraycompat
from arraycompat.core._namespace import Namespace


def test_the_class_defines_no_getattr_hook():
    # A class-level __getattr__ would stop CPython 3.11 from specialising `xp.sum`;
    # misses go through the __getattr__ kept in the instance dict (PEP 562).
    assert not any("__getattr__" in vars(k) for k in Namespace.__mro__)


def test_cached_reads_misses_and_dunders_behave_as_before():
    xp = arraycompat.get_namespace(np.ones(2))
    assert isinstance(xp, Namespace)
    assert xp.sum is xp.sum
    assert "sum" in vars(xp)
    assert xp.__array_namespace_info__().default_device() == "cpu"
    # a module object the import system does not know: no spec, loader or package
    assert (xp.__spec__, xp.__loader__, xp.__package__) == (None, None, None)
    assert pickle.loads(pickle.dumps(xp)) is xp
    assert pickle.loads(pickle.dumps(xp.linalg)) is xp.linalg
    try:
        xp.no_such_function
    except AttributeError as e:
        assert "'numpy'" in str(e) and "no_such_function" in str(e)
    else:
        raise AssertionError("a missing name must raise AttributeError")
    assert not hasattr(xp, "no_such_function")
