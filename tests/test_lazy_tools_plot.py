"""arraycompat.lazy pictures: each plot renders a PNG (Agg backend) that is checked on
disk; a clear ImportError names the ``plot`` extra when matplotlib is missing."""

import pathlib
import subprocess
import sys

import numpy as np
import pytest
from conftest import import_or_skip

from arraycompat import lazy

import_or_skip("networkx")
import_or_skip("matplotlib")

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ROOT = pathlib.Path(__file__).resolve().parent.parent


def _mgs(x):
    q = []
    for j in range(x.shape[0]):
        v = x[j, :]
        for i in range(j):
            v = v - lazy.tensordot(lazy.conj(q[i]), v, axes=1) * q[i]
        q.append(v / lazy.linalg.norm(v, 2))
    return lazy.stack(q, axis=0)


@pytest.fixture
def graph():
    return _mgs(lazy.Variable((4, 4), "float64"))


def _check_png(path: pathlib.Path, fig) -> None:
    plt.close(fig)
    content = path.read_bytes()
    assert content[:8] == PNG_SIGNATURE
    assert len(content) > 5_000  # a drawing, not an empty canvas
    width, height = int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")
    assert width > 200 and height > 100


@pytest.mark.parametrize(
    "plot, kwargs",
    [
        ("plot_graph", {}),
        ("plot_graph", {"layout": "spring"}),
        ("plot_circuit", {}),
        ("plot_history_size_footprint", {}),
        ("plot_history_size_footprint", {"in_bytes": True, "log": True}),
        ("plot_history_functions", {}),
        ("plot_history_stats", {"fn": "sizeout"}),
    ],
)
def test_each_plot_writes_a_png(graph, tmp_path, plot, kwargs):
    path = tmp_path / f"{plot}.png"
    fig, ax = getattr(lazy, plot)(graph, path=path, **kwargs)
    assert ax.figure is fig
    _check_png(path, fig)


def test_plots_are_methods_and_draw_into_a_given_axis(graph, tmp_path):
    fig, ax = plt.subplots()
    out_fig, out_ax = graph.plot_history_stats("count", ax=ax)
    assert out_fig is fig and out_ax is ax
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "sub" in labels and "tensordot" in labels
    plt.close(fig)


def test_to_nx_digraph_marks_nodes_that_depend_on_variables():
    x = lazy.Variable((3,), "float64")
    c = lazy.exp(lazy.array(np.ones(3)))
    y = lazy.sum(x * c)
    g = lazy.to_nx_digraph(y, variables=x)
    assert g.number_of_nodes() == 5 and g.number_of_edges() == 4
    variable = {d["fn_name"]: d["variable"] for _, d in g.nodes(data=True)}
    assert variable == {"Variable": True, "data": False, "exp": False, "mul": True, "sum": True}
    import networkx

    assert networkx.is_directed_acyclic_graph(g)


def test_unknown_layout_is_refused(graph):
    with pytest.raises(ValueError, match="layered"):
        lazy.plot_graph(graph, layout="circle")


def test_make_figures_script_writes_the_docs_pngs(tmp_path):
    sys.path.insert(0, str(ROOT / "docs"))
    try:
        import make_figures
    finally:
        sys.path.pop(0)
    written = make_figures.make_figures(tmp_path, n=4)
    assert [p.name for p in written] == list(make_figures.FIGURES)
    for path in written:
        assert path.read_bytes()[:8] == PNG_SIGNATURE and path.stat().st_size > 5_000


def test_missing_matplotlib_names_the_plot_extra():
    code = (
        "import sys; sys.modules['matplotlib'] = None; sys.modules['matplotlib.pyplot'] = None\n"
        "from arraycompat import lazy\n"
        "x = lazy.Variable((2,), 'float64')\n"
        "try:\n    lazy.plot_history_stats(x + 1)\n"
        "except ImportError as e:\n    print(e)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": ""}, check=True,
    ).stdout
    assert "pip install arraycompat[plot]" in out and "matplotlib" in out


def test_importing_lazy_does_not_import_matplotlib():
    code = (
        "import sys; import arraycompat.lazy; "
        "print('matplotlib' in sys.modules, 'networkx' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": ""}, check=True,
    ).stdout
    assert out.split() == ["False", "False"]


