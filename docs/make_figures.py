"""Draw the lazy-graph pictures the docs show, from modified Gram-Schmidt (autoray's
README example) traced with ``arraycompat.lazy``.

Run: ``python docs/make_figures.py [output folder]`` (default ``docs/_static``); needs
``pip install arraycompat[plot]``. Prints the files written.
"""

from __future__ import annotations

import pathlib
import sys
from arraycompat.cli._demo import modified_gram_schmidt

FIGURES = {
    "lazy_graph.png": ("plot_graph", {}),
    "lazy_circuit.png": ("plot_circuit", {}),
    "lazy_size_footprint.png": ("plot_history_size_footprint", {}),
    "lazy_functions.png": ("plot_history_functions", {}),
    "lazy_stats.png": ("plot_history_stats", {"fn": "count"}),
}


def make_figures(folder: str | pathlib.Path = "docs/_static", n: int = 5) -> list:
    """Write each figure of ``FIGURES`` into ``folder``; returns the paths."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from arraycompat import lazy

    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    x = lazy.Variable((n, n), "float64")
    y = modified_gram_schmidt(x, lazy)
    written = []
    for name, (function, kwargs) in FIGURES.items():
        path = folder / name
        fig, _ = getattr(lazy, function)(y, path=path, **kwargs)
        plt.close(fig)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in make_figures(*sys.argv[1:2]):
        print(path)
