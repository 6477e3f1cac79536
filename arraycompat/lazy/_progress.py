"""A progress bar for ``lazy.compute(..., progress=True)``: tqdm when installed, else
rich, else a plain text bar on stderr. ``progress`` may also name one: 'tqdm',
'rich' or 'text'.

>>> import io
>>> out = io.StringIO()
>>> list(steps(4, "text", file=out))
[0, 1, 2, 3]
>>> out.getvalue().splitlines()[-1].strip()
'[########################################] 4/4 nodes'
"""

from __future__ import annotations

import importlib.util
import sys
from typing import Any, Iterable, Iterator

__all__ = ["steps"]

_KINDS = ("tqdm", "rich", "text")


def _choose(progress: Any) -> str:
    if progress is True:
        for kind in ("tqdm", "rich"):
            if importlib.util.find_spec(kind) is not None:
                return kind
        return "text"
    if progress in _KINDS:
        if progress != "text" and importlib.util.find_spec(progress) is None:
            raise ImportError(
                f"arraycompat.lazy.compute: progress={progress!r} needs {progress} "
                f"(`pip install {progress}`); progress=True picks what is installed."
            )
        return progress
    raise ValueError(
        f"arraycompat.lazy.compute: progress must be True, False or one of {_KINDS}, got "
        f"{progress!r}"
    )


def _text(n: int, file: Any, width: int = 40) -> Iterator[int]:
    shown = -1
    for i in range(n):
        yield i
        filled = (i + 1) * width // n
        if filled != shown or i + 1 == n:
            shown = filled
            bar = "#" * filled + "." * (width - filled)
            print(f"\r[{bar}] {i + 1}/{n} nodes", end="", file=file, flush=True)
    print(file=file)


def steps(n: int, progress: Any, file: Any = None) -> Iterable[int]:
    """``range(n)`` that shows a bar as it is consumed (``n`` nodes to compute)."""
    kind = _choose(progress)
    if kind == "tqdm":
        from tqdm.auto import tqdm

        return tqdm(range(n), total=n, unit="node", file=file)
    if kind == "rich":
        from rich.progress import track

        return track(range(n), total=n, description="computing")
    return _text(n, file or sys.stderr)
