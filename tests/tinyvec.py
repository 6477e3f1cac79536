"""A numpy-like library of our own, for the "any numpy-like module" path: 1-d float
vectors over Python tuples, with numpy-style names at module level and no
``__array_namespace__`` (the shape of mars, or any library arraycompat does not know).

>>> sum(asarray([1.0, 2.0]))
3.0
"""

import math


class Vec:
    """A 1-d float vector; ``shape`` and ``dtype`` make it look like an array."""

    dtype = "float64"

    def __init__(self, values):
        self.values = tuple(float(v) for v in values)

    @property
    def shape(self):
        return (len(self.values),)

    def __add__(self, other):
        return add(self, other)

    def __mul__(self, other):
        return multiply(self, other)

    def __repr__(self):
        return f"Vec({list(self.values)})"


def _values(x):
    return x.values if isinstance(x, Vec) else None


def _binary(op):
    def fn(a, b):
        va, vb = _values(a), _values(b)
        if va is None:
            va = (float(a),) * len(vb)
        if vb is None:
            vb = (float(b),) * len(va)
        if len(va) != len(vb):
            raise ValueError(f"tinyvec: shapes ({len(va)},) and ({len(vb)},) differ")
        return Vec(op(p, q) for p, q in zip(va, vb))

    return fn


def _unary(op):
    return lambda x: Vec(op(v) for v in x.values)


add = _binary(lambda p, q: p + q)
multiply = _binary(lambda p, q: p * q)
sin = _unary(math.sin)
exp = _unary(math.exp)


def asarray(values):
    return values if isinstance(values, Vec) else Vec(values)


def zeros(n):
    return Vec([0.0] * n)


def sum(x):  # noqa: A001 - numpy's name
    return math.fsum(x.values)
