"""pydata sparse: numpy names that are methods there (``conj``, ``real``, ``imag``).

>>> import sparse, numpy
>>> TABLE["conj"]()(sparse.asarray(numpy.array([1j]))).todense().tolist()
[-1j]
"""

from __future__ import annotations

from typing import Callable

__all__ = ["TABLE"]


def _method(name: str) -> Callable[[], Callable]:
    def make() -> Callable:
        def numpy_like(x):
            return getattr(x, name)()

        numpy_like.__name__ = name
        return numpy_like

    return make


def _attribute(name: str) -> Callable[[], Callable]:
    def make() -> Callable:
        def numpy_like(x):
            return getattr(x, name)

        numpy_like.__name__ = name
        return numpy_like

    return make


def _reduction(name: str) -> Callable[[], Callable]:
    def make() -> Callable:
        def numpy_like(x, axis=None, dtype=None, out=None, keepdims=False):
            """numpy's positional order (``sum(x, 0)``) on a sparse array's method."""
            if out is not None:
                raise TypeError(f"arraycompat: sparse {name} does not take out=")
            return getattr(x, name)(axis=axis, dtype=dtype, keepdims=keepdims)

        numpy_like.__name__ = name
        return numpy_like

    return make


def _count_nonzero() -> Callable:
    def count_nonzero(x, axis=None, keepdims=False):
        """The number of non-zero elements, as numpy counts them."""
        return (x != 0).sum(axis=axis, keepdims=keepdims)

    return count_nonzero


def _random(distribution: str) -> Callable[[], Callable]:
    """``random.uniform`` / ``random.normal``; with autoray's sparse keywords
    (``density``, ``format``, ``fill_value``) the result is ``sparse.random``'s, the
    values drawn from the global generator's state; otherwise the usual function."""
    def make() -> Callable:
        import numpy
        import sparse

        from . import _random_names

        usual = _random_names.make("sparse", f"random.{distribution}")

        def sparse_random(a=None, b=None, size=None, dtype=None, *, seed=None, **kwargs):
            if not ({"density", "format", "fill_value"} & set(kwargs)):
                args = [v for v in (a, b) if v is not None]
                if dtype is not None:
                    kwargs["dtype"] = dtype
                return usual(*args, size=size, **kwargs)
            if seed is None:  # follow the global generator (random.seed makes it repeat)
                draw = usual(size=1)
                draw = draw.todense() if hasattr(draw, "todense") else numpy.asarray(draw)
                seed = int(float(draw.reshape(-1)[0]) * 2**31)
            rng = numpy.random.default_rng(seed)
            if distribution == "uniform":
                low, high = (0.0, 1.0) if a is None else (a, 1.0 if b is None else b)
                def draw(n):
                    return rng.uniform(low, high, n)
            else:
                loc, scale = (0.0, 1.0) if a is None else (a, 1.0 if b is None else b)
                def draw(n):
                    return rng.normal(loc, scale, n)
            kwargs.setdefault("density", 1.0)
            out = sparse.random(size, data_rvs=draw, random_state=rng, **kwargs)
            return out if dtype is None else out.astype(dtype)

        sparse_random.__name__ = distribution
        return sparse_random

    return make


TABLE: dict[str, Callable[[], Callable]] = {
    "conj": _method("conj"),
    "real": _attribute("real"),
    "imag": _attribute("imag"),
    "sum": _reduction("sum"),
    "prod": _reduction("prod"),
    "count_nonzero": _count_nonzero,
    "random.uniform": _random("uniform"),
    "random.normal": _random("normal"),
}
