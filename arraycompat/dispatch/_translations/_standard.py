"""Translations for any library, written against the standard's functions.

>>> import array_api_strict as xp
>>> float(IF_MISSING["linalg.norm"]("array_api_strict")(xp.asarray([3.0, 4.0])))
5.0
"""

from __future__ import annotations

from typing import Any, Callable

from ._lookup import function_of

__all__ = ["EVERYWHERE", "IF_MISSING", "library_lacks", "function_of"]


def library_lacks(library: str, name: str) -> bool:
    """True when neither the library's module nor its standard namespace has ``name``."""
    return function_of(library, name) is None


# ------------------------------------------------------------------ linalg
def _svd(library: str) -> Callable | None:
    svd = function_of(library, "linalg.svd")
    if svd is None:
        return None

    def svd_numpy_like(a, full_matrices=False, compute_uv=True, **kwargs):
        """numpy's svd returning ``U, s, Vh``, thin (``full_matrices=False``) by default."""
        if full_matrices:
            kwargs["full_matrices"] = True
        elif library != "dask":  # dask's svd is always thin and has no such keyword
            kwargs["full_matrices"] = False
        result = svd(a, **kwargs)
        return result if compute_uv else result[1]

    return svd_numpy_like


def _norm(library: str) -> Callable | None:
    vector_norm = function_of(library, "linalg.vector_norm")
    matrix_norm = function_of(library, "linalg.matrix_norm")
    if vector_norm is None or matrix_norm is None:
        return None

    def norm(x, ord=None, axis=None, keepdims=False):
        """numpy's ``linalg.norm`` from ``vector_norm`` and ``matrix_norm``."""
        matrix = (axis is None and x.ndim == 2 and ord is not None) or (
            isinstance(axis, tuple) and len(axis) == 2
        )
        if axis is None and x.ndim == 2 and ord is None:
            return vector_norm(x, keepdims=keepdims)  # Frobenius
        if matrix:
            if axis is not None and tuple(a % x.ndim for a in axis) != (x.ndim - 2, x.ndim - 1):
                raise ValueError(
                    f"arraycompat: linalg.norm on {library} supports matrix norms over the last "
                    f"two axes only, got axis={axis}; move the axes there first."
                )
            return matrix_norm(x, ord="fro" if ord is None else ord, keepdims=keepdims)
        return vector_norm(x, axis=axis, ord=2 if ord is None else ord, keepdims=keepdims)

    return norm


# ------------------------------------------------------------------ renames
def _renamed(standard_name: str) -> Callable[[str], Callable | None]:
    def make(library: str) -> Callable | None:
        return function_of(library, standard_name)

    return make


def _concatenate(library: str) -> Callable | None:
    concat = function_of(library, "concat")
    if concat is None:
        return None

    def concatenate(arrays, axis=0, **kwargs):
        """numpy's ``concatenate`` from the standard's ``concat``."""
        return concat(list(arrays), axis=axis, **kwargs)

    return concatenate


def _transpose(library: str) -> Callable | None:
    permute_dims = function_of(library, "permute_dims")
    if permute_dims is None:
        return None

    def transpose(a, axes=None):
        """numpy's ``transpose`` from the standard's ``permute_dims``."""
        return permute_dims(a, tuple(reversed(range(a.ndim))) if axes is None else tuple(axes))

    return transpose


# ------------------------------------------------------------------ positional arguments
#: Libraries whose functions follow the standard's signatures, where parameters
#: numpy takes by position (``tensordot(a, b, 1)``, ``sum(x, 0)``) are keyword-only.
KEYWORD_ONLY_LIBRARIES = frozenset({"array_api_strict", "ndonnx"})


def numpy_positional(library: str, name: str) -> Callable | None:
    """``name`` of ``library`` accepting numpy's positional arguments, or None when the
    function has no keyword-only parameter (or numpy has no such function)."""
    import inspect

    fn = function_of(library, name)
    try:
        standard = inspect.signature(fn).parameters.values()
        import numpy

        from .._dispatch import dotted_attribute

        numpy_names = list(inspect.signature(dotted_attribute(numpy, name)).parameters)
    except (TypeError, ValueError, ImportError):  # not a function, a ufunc, no numpy twin
        return None
    keyword_only = {p.name for p in standard if p.kind is p.KEYWORD_ONLY}
    positional = sum(1 for p in standard if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))
    if not keyword_only:
        return None
    by_position = numpy_names[positional:]

    def numpy_like(*args, **kwargs):
        if len(args) > positional:
            for parameter, value in zip(by_position, args[positional:]):
                if value is None and parameter not in keyword_only:
                    continue  # numpy's default for a parameter the standard lacks
                if parameter not in keyword_only:
                    raise TypeError(
                        f"arraycompat: {library}'s {name} has no parameter {parameter!r} "
                        f"(numpy's argument {positional + by_position.index(parameter) + 1}); "
                        f"its keyword parameters are {', '.join(sorted(keyword_only))}."
                    )
                kwargs[parameter] = value
            args = args[:positional]
        return fn(*args, **kwargs)

    numpy_like.__name__ = name.rpartition(".")[2]
    numpy_like.__doc__ = f"{library}'s {name} taking numpy's positional arguments."
    return numpy_like


def _from_numpy_everywhere(library: str) -> Callable | None:
    from ._generic import GENERIC

    return GENERIC["from_numpy"](library)


# from_numpy: autoray's signature (dtype=, device=) on every library (torch's own takes none)
EVERYWHERE: dict[str, Callable[[str], Callable | None]] = {
    "linalg.svd": _svd, "from_numpy": _from_numpy_everywhere,
}

IF_MISSING: dict[str, Callable[[str], Callable | None]] = {
    "linalg.norm": _norm,
    "concatenate": _concatenate,
    "transpose": _transpose,
    "power": _renamed("pow"),
    "arccos": _renamed("acos"),
    "arccosh": _renamed("acosh"),
    "arcsin": _renamed("asin"),
    "arcsinh": _renamed("asinh"),
    "arctan": _renamed("atan"),
    "arctan2": _renamed("atan2"),
    "arctanh": _renamed("atanh"),
    "invert": _renamed("bitwise_invert"),
    "left_shift": _renamed("bitwise_left_shift"),
    "right_shift": _renamed("bitwise_right_shift"),
    "conjugate": _renamed("conj"),
    "absolute": _renamed("abs"),
}


def _add_generic() -> None:
    from ._generic import GENERIC

    for name, maker in GENERIC.items():
        IF_MISSING.setdefault(name, maker)


_add_generic()
