"""Give a downloaded array-api-extra source tree the backend ``LAZY = "arraycompat.lazy"``.

Usage: ``python lazy_add_backend.py SRC`` where SRC is the unpacked sdist's ``src``
folder. The one line goes after ``DASK = "dask.array"`` in the ``Backend`` enum;
when that line is missing (a new release moved it) this fails loudly.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> f = root / "array_api_extra" / "_lib" / "_backends.py"
>>> f.parent.mkdir(parents=True)
>>> _ = f.write_text('class Backend:\\n    DASK = "dask.array"\\n')
>>> add_backend(root)
>>> print(f.read_text())
class Backend:
    DASK = "dask.array"
    LAZY = "arraycompat.lazy"
<BLANKLINE>
"""

from __future__ import annotations

import pathlib
import sys

ANCHOR = '    DASK = "dask.array"\n'
LINE = '    LAZY = "arraycompat.lazy"\n'


def add_backend(src: pathlib.Path) -> None:
    path = pathlib.Path(src) / "array_api_extra" / "_lib" / "_backends.py"
    text = path.read_text()
    if LINE in text:
        return
    if ANCHOR not in text:
        raise SystemExit(f"{path}: no line {ANCHOR.strip()!r} to add the lazy backend after")
    path.write_text(text.replace(ANCHOR, ANCHOR + LINE, 1))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python lazy_add_backend.py <array-api-extra src folder>")
    add_backend(pathlib.Path(sys.argv[1]))
