"""``register_function`` / ``register_backend``: effective at once, only where they apply."""

import numpy
import pytest
from conftest import import_or_skip

import arraycompat
from arraycompat.dispatch import _dispatch, _registry
from arraycompat import do


@pytest.fixture
def undo():
    """Registrations made in a test, removed afterwards (with the caches they touched)."""
    made = []
    yield made.append
    for library, name in made:
        _registry._registered.pop((library, name), None)
        _dispatch.forget(library, name)


def test_registration_after_first_use_takes_effect_in_do_namespace_and_drop_in(undo):
    x = numpy.arange(3.0)
    xp = arraycompat.get_namespace(x)
    np = arraycompat.numpy
    assert float(do("cumsum", x)[-1]) == 3.0 and float(xp.cumsum(x)[-1]) == 3.0
    assert float(np.cumsum(x)[-1]) == 3.0  # every cache now holds numpy.cumsum

    undo(("numpy", "cumsum"))
    arraycompat.register_function("numpy", "cumsum", lambda a: "registered")
    assert do("cumsum", x) == "registered"
    assert xp.cumsum(x) == "registered"
    assert np.cumsum(x) == "registered"
    assert do("cumsum", [1.0], like="numpy") == "registered"


def test_registration_drops_only_the_caches_of_that_library_and_name(undo):
    torch = import_or_skip("torch")

    x, t = numpy.ones(2), torch.ones(2)
    for name in ("cumprod", "cumsum"):
        do(name, x), do(name, t)
    xp = arraycompat.get_namespace(x)
    xp.cumprod, xp.cumsum  # noqa: B018 - cache both on the Namespace
    kept = {
        "numpy cumsum": _dispatch._fast["cumsum"][numpy.ndarray],
        "torch cumprod": _dispatch._fast["cumprod"][torch.Tensor],
        "numpy namespace cumsum": xp.__dict__["cumsum"],
    }
    undo(("numpy", "cumprod"))
    arraycompat.register_function("numpy", "cumprod", lambda a: "new")

    assert numpy.ndarray not in _dispatch._fast["cumprod"]
    assert "cumprod" not in xp.__dict__
    assert _dispatch._fast["cumsum"][numpy.ndarray] is kept["numpy cumsum"]
    assert _dispatch._fast["cumprod"][torch.Tensor] is kept["torch cumprod"]
    assert xp.__dict__["cumsum"] is kept["numpy namespace cumsum"]
    assert do("cumprod", x) == "new"
    assert do("cumprod", t).tolist() == [1.0, 1.0]


def test_registering_a_function_rebuilds_the_translations_built_on_it(undo):
    strict = import_or_skip("array_api_strict")
    x = strict.asarray([1.0, 2.0])
    xp = arraycompat.get_namespace(x)
    assert do("concatenate", [x, x]).shape == (4,) and xp.concatenate([x]).shape == (2,)
    sum_before = _dispatch.function_for("array_api_strict", "sum")

    undo(("array_api_strict", "concat"))
    arraycompat.register_function(
        "array_api_strict", "concat", lambda arrays, axis=0: ("concat", len(arrays), axis)
    )
    assert do("concatenate", [x, x], axis=0) == ("concat", 2, 0)
    assert xp.concatenate([x]) == ("concat", 1, 0)
    assert _dispatch.function_for("array_api_strict", "sum") is sum_before
    undo(("array_api_strict", "concatenate"))  # rebuild it from strict's own concat after


def test_wrap_receives_the_function_it_replaces(undo):
    x = numpy.arange(4.0)
    undo(("numpy", "mean"))

    def doubling(mean):
        return lambda *args, **kwargs: 2 * mean(*args, **kwargs)

    arraycompat.register_function("numpy", "mean", doubling, wrap=True)
    assert float(do("mean", x)) == 3.0
    arraycompat.register_function("numpy", "mean", doubling, wrap=True)  # wraps the wrapper
    assert float(do("mean", x)) == 6.0


def test_wrap_can_wrap_a_translation(undo):
    torch = import_or_skip("torch")

    undo(("torch", "clip"))
    arraycompat.register_function(
        "torch", "clip", lambda clip: lambda a, lo, hi: clip(a, lo, hi) + 1, wrap=True
    )
    assert do("clip", torch.tensor([5.0]), 0.0, 1.0).tolist() == [2.0]


def test_a_new_function_registered_for_a_library(undo):
    undo(("numpy", "twice"))
    arraycompat.register_function("numpy", "twice", lambda a: 2 * a)
    assert do("twice", numpy.ones(2)).tolist() == [2.0, 2.0]
    assert arraycompat.get_namespace(numpy.ones(1)).twice(numpy.ones(1)).tolist() == [2.0]


def test_register_function_errors_say_what_was_wrong():
    with pytest.raises(TypeError, match=r"register_function\('numpy', 'x', fn\): fn must be "
                                        r"callable, got int"):
        arraycompat.register_function("numpy", "x", 3)
    with pytest.raises(AttributeError, match=r"no 'no_such_fn' for 'numpy' to wrap"):
        arraycompat.register_function("numpy", "no_such_fn", lambda f: f, wrap=True)
    with pytest.raises(TypeError, match=r"the wrapper returned NoneType, not a function"):
        arraycompat.register_function("numpy", "sum", lambda f: None, wrap=True)
    assert ("numpy", "sum") not in _registry._registered


def test_register_backend_after_use_redirects_a_subclass():
    class Tagged(numpy.ndarray):
        pass

    x = numpy.ones(2).view(Tagged)
    assert _dispatch.infer_backend(x) == "numpy"
    do("sum", x)
    assert Tagged in _dispatch._fast["sum"]
    arraycompat.register_backend(Tagged, "array_api_strict")
    assert _dispatch.infer_backend(x) == "array_api_strict"
    assert Tagged not in _dispatch._fast["sum"]


def test_register_backend_refuses_a_non_class():
    with pytest.raises(TypeError, match=r"array_type must be a class, got str \('numpy'\)"):
        arraycompat.register_backend("numpy", "numpy")
