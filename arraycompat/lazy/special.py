"""``lazy.special``: SciPy's special functions, recorded as nodes.

``lazy.special.<name>(*args)`` records ``scipy.special.<name>`` on the wrapped
arrays, its result's shape and dtype learned once per signature from stand-ins, as
for every other node; SciPy is imported on first use. Libraries that look for an
array namespace's ``special`` (SciPy's own alternative-backend dispatch does) then
stay lazy instead of converting to numpy.

>>> import numpy, scipy
>>> from arraycompat import lazy
>>> y = lazy.special.erf(lazy.array(numpy.array([0.0, 1.0])))
>>> y.shape, y.compute().round(4)
((2,), array([0.    , 0.8427]))
"""

from __future__ import annotations

from typing import Any

from ._record import apply

__all__: list = []


def __getattr__(name: str) -> Any:
    if name.startswith("_"):
        raise AttributeError(f"module 'arraycompat.lazy.special' has no attribute {name!r}")
    try:
        import scipy.special as sc
    except ImportError as e:
        raise AttributeError(
            f"arraycompat.lazy.special.{name} records scipy.special.{name}, and SciPy is not "
            f"installed: pip install scipy"
        ) from e
    try:
        fn = getattr(sc, name)
    except AttributeError:
        raise AttributeError(
            f"arraycompat.lazy.special: scipy.special has no function {name!r}"
        ) from None
    if not callable(fn):
        raise AttributeError(f"arraycompat.lazy.special: scipy.special.{name} is not a function")

    def recorded(*args: Any, **kwargs: Any) -> Any:
        return apply(fn, args, kwargs or None)

    recorded.__name__ = recorded.__qualname__ = name
    recorded.__doc__ = f"scipy.special.{name}, recorded lazily."
    globals()[name] = recorded
    return recorded
