"""Pictures of a lazy graph, with matplotlib and networkx (``pip install
arraycompat[plot]``). Each ``plot_*`` returns ``(fig, ax)`` and, given ``path``,
saves the figure there (a ``.png`` path writes a PNG).

>>> import numpy
>>> from arraycompat import lazy
>>> x = lazy.array(numpy.ones((3, 3)))
>>> g = lazy.to_nx_digraph(lazy.sum(x @ x))
>>> g.number_of_nodes(), g.number_of_edges()
(3, 2)
"""

from __future__ import annotations

from typing import Any

from ._stats import history_bytes_footprint, history_size_footprint, history_stats, node_size
from ._traverse import History, deps_of, depths, fn_name, roots_of

__all__ = [
    "to_nx_digraph", "plot_graph", "plot_circuit", "plot_history_size_footprint",
    "plot_history_functions", "plot_history_stats",
]


def _require(what: str, *modules: str) -> list:
    import importlib

    try:
        return [importlib.import_module(m) for m in modules]
    except ImportError as e:
        raise ImportError(
            f"arraycompat.lazy.{what} needs {' and '.join(m.split('.')[0] for m in modules)} "
            f"({e.name} is missing): install them with `pip install arraycompat[plot]`."
        ) from None


def _figure(what: str, ax: Any, figsize: Any) -> tuple:
    (plt,) = _require(what, "matplotlib.pyplot")
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
    else:
        fig = ax.figure
    return fig, ax


def _finish(fig: Any, path: Any, dpi: int = 100) -> None:
    if path is not None:
        fig.savefig(path, dpi=dpi, bbox_inches="tight")


def _colors(names: list, given: dict | None = None) -> dict:
    """A color per function name, in order of first appearance (tab20, then tab20b);
    ``given`` (autoray's ``colors=``) sets some of them."""
    import matplotlib

    palette = list(matplotlib.colormaps["tab20"].colors) + list(matplotlib.colormaps["tab20b"].colors)
    out: dict = {"data": (0.45, 0.45, 0.45), "Variable": (0.1, 0.1, 0.1), **(given or {})}
    for name in names:
        if name not in out:
            out[name] = palette[(len(out) - 2) % len(palette)]
    return out


def _label(node: Any) -> str:
    name = fn_name(node)
    name = "←" if node._fn is None else name
    return f"{name}{list(node._shape)}"


def to_nx_digraph(tree: Any, variables: Any = None) -> Any:
    """The graph as a ``networkx.DiGraph``: nodes numbered in ``ascend`` order with
    attributes ``array``, ``fn_name``, ``shape``, ``dtype``, ``device`` and ``variable``
    (depends on ``variables``); an edge runs from each dependency to its user.

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3), "float64")
    >>> g = lazy.to_nx_digraph(lazy.sum(x * 2.0), variables=x)
    >>> g.number_of_nodes(), g.number_of_edges()
    (3, 2)
    >>> [g.nodes[i]["fn_name"] for i in g]
    ['Variable', 'mul', 'sum']
    """
    (nx,) = _require("to_nx_digraph", "networkx")
    variable = {id(v) for v in roots_of(variables)} if variables is not None else set()
    graph = nx.DiGraph()
    number: dict = {}
    for i, node in enumerate(History(tree)):
        number[id(node)] = i
        deps = deps_of(node)
        is_var = id(node) in variable or any(id(d) in variable for d in deps)
        if is_var:
            variable.add(id(node))
        graph.add_node(
            i, array=node, fn_name=fn_name(node), shape=node._shape, dtype=node._dtype,
            device=node._device, variable=is_var,
        )
        for d in deps:
            graph.add_edge(number[id(d)], i)
    return graph


_GRAPHVIZ = ("sfdp", "dot", "neato", "fdp", "twopi", "circo")
_INITIAL = ("spectral", "kamada_kawai", "circular", "spring")


def _graphviz_layout(nx: Any, graph: Any, program: str) -> Any:
    """Positions from graphviz's ``program``, or None when pygraphviz is not installed."""
    try:
        return nx.nx_agraph.graphviz_layout(graph, prog=program)
    except ImportError:
        return None


def _initial_layout(nx: Any, graph: Any, name: str | None) -> Any:
    if name is None:
        return None
    if name not in _INITIAL:
        raise ValueError(
            f"arraycompat.lazy.plot_graph: initial_layout must be None or one of "
            f"{', '.join(map(repr, _INITIAL))}, got {name!r}"
        )
    if name == "spring":
        return nx.spring_layout(graph, seed=7)
    return getattr(nx, f"{name}_layout")(graph)


def plot_graph(
    tree: Any,
    variables: Any = None,
    *,
    layout: str = "layered",
    initial_layout: str | None = None,
    node_scale: float = 1.0,
    color_by: str = "function",
    colors: dict | None = None,
    figsize: Any = None,
    ax: Any = None,
    path: Any = None,
) -> tuple:
    """Draw the graph, one color per function (``color_by='function'``; 'variables':
    green for nodes that depend on ``variables``, blue for the others; 'id': one color
    per node), inputs as large dots; ``layout``
    'layered' (by depth, inputs left), 'spring', or a graphviz program ('sfdp', 'dot',
    'neato', ...: drawn by pygraphviz when installed, else a spring layout started from
    ``initial_layout``: 'spectral', 'kamada_kawai', 'circular' or 'spring'). Nodes
    depending on ``variables`` get a black edge.

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3), "float64")
    >>> y = lazy.sum(x * 2.0)
    >>> fig, ax = lazy.plot_graph(y, variables=x, path="graph.png")  # doctest: +SKIP
    """
    nx, _ = _require("plot_graph", "networkx", "matplotlib.pyplot")
    graph = to_nx_digraph(tree, variables)
    n = graph.number_of_nodes()
    if figsize is None:
        side = max(4.0, min(20.0, 1.5 * n**0.5))
        figsize = (side, side)
    fig, ax = _figure("plot_graph", ax, figsize)
    if layout == "layered":
        depth = depths(tree)
        for i, data in graph.nodes(data=True):
            data["layer"] = depth[id(data["array"])]
        pos = nx.multipartite_layout(graph, subset_key="layer")
    elif layout == "spring" or layout in _GRAPHVIZ:
        pos = _graphviz_layout(nx, graph, layout) if layout in _GRAPHVIZ else None
        if pos is None:
            pos = nx.spring_layout(graph, pos=_initial_layout(nx, graph, initial_layout), seed=7)
    else:
        raise ValueError(
            f"arraycompat.lazy.plot_graph: layout must be 'layered', 'spring' or one of "
            f"{', '.join(map(repr, _GRAPHVIZ))}, got {layout!r}"
        )
    names = _color_keys(graph, color_by, "plot_graph")
    colors = _colors(names, colors)
    sizes = [node_scale * (160 if d["array"]._fn is None else 60) for _, d in graph.nodes(data=True)]
    edge = ["black" if d["variable"] else "none" for _, d in graph.nodes(data=True)]
    nx.draw_networkx_edges(graph, pos, ax=ax, alpha=0.35, arrows=n < 300, arrowsize=6, node_size=sizes)
    nx.draw_networkx_nodes(
        graph, pos, ax=ax, node_color=[colors[m] for m in names], node_size=sizes,
        edgecolors=edge, linewidths=1.0,
    )
    for name in dict.fromkeys(names):
        ax.scatter([], [], color=colors[name], label=name)
    ax.legend(loc="best", fontsize="small", frameon=False)
    ax.set_axis_off()
    _finish(fig, path)
    return fig, ax


def _color_keys(graph: Any, color_by: str, what: str) -> list:
    """The name each node is colored by."""
    data = [d for _, d in graph.nodes(data=True)]
    if color_by == "function":
        return [d["fn_name"] for d in data]
    if color_by == "variables":
        return ["depends on variables" if d["variable"] else "constant" for d in data]
    if color_by == "id":
        return [f"node {i}" for i in range(len(data))]
    raise ValueError(
        f"arraycompat.lazy.{what}: color_by must be 'function', 'variables' or 'id', got "
        f"{color_by!r}"
    )


def plot_circuit(tree: Any, *, color_by: str = "function", colors: dict | None = None,
                 figsize: Any = None, ax: Any = None, path: Any = None) -> tuple:
    """Draw the graph as a circuit: one column per step (``ascend`` order), each array
    on a rail it keeps until its last use, a line from each dependency to its user;
    colored per function (``color_by='function'``) or per node (``'id'``).

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3), "float64")
    >>> y = lazy.sum(x * 2.0)
    >>> fig, ax = lazy.plot_circuit(y, path="circuit.png")  # doctest: +SKIP
    """
    _, mpl_path, patches = _require(
        "plot_circuit", "matplotlib.pyplot", "matplotlib.path", "matplotlib.patches"
    )
    nodes = list(History(tree))
    step = {id(node): i for i, node in enumerate(nodes)}
    if color_by not in ("function", "id"):
        raise ValueError(
            f"arraycompat.lazy.plot_circuit: color_by must be 'function' or 'id', got {color_by!r}"
        )
    key = {id(node): fn_name(node) if color_by == "function" else f"node {i}"
           for i, node in enumerate(nodes)}
    colors = _colors(list(key.values()), colors)
    depth = depths(tree)
    rails: dict = {}
    active: set = set()
    for root in roots_of(tree):
        if id(root) not in rails:
            rails[id(root)] = r = len(active)
            active.add(r)
    edges = []
    for node in reversed(nodes):
        active.discard(rails[id(node)])
        for dep in sorted(deps_of(node), key=lambda d: -depth[id(d)]):
            if id(dep) not in rails:
                rail = rails[id(node)]
                free = (r for k in range(len(nodes) + 1) for r in (rail + k, rail - k - 1) if r not in active)
                rails[id(dep)] = next(free)
                active.add(rails[id(dep)])
            edges.append((node, dep))
    if figsize is None:
        side = max(4.0, (len(nodes) + 1) ** (2 / 3))
        figsize = (side, side)
    fig, ax = _figure("plot_circuit", ax, figsize)
    width = max(0.5, 8 * figsize[1] / len(nodes))
    for user, dep in edges:
        a = (step[id(user)], rails[id(user)])
        b = (step[id(dep)], rails[id(dep)])
        points = [a, b] if a[1] == b[1] else [a, (a[0], b[1]), b]
        codes = [mpl_path.Path.MOVETO] + [mpl_path.Path.LINETO] * (len(points) - 1)
        ax.add_patch(
            patches.PathPatch(
                mpl_path.Path(points, codes), edgecolor=colors[key[id(dep)]], facecolor="none",
                linewidth=width, zorder=1,
            )
        )
    ys = [rails[id(node)] for node in nodes]
    # Labels at 45 degrees sit one column apart, so the font is half a column wide at most:
    # neighbouring labels never overlap, however many steps the graph has.
    column_pt = ax.get_position().width * fig.get_figwidth() * 72 / max(len(nodes), 1)
    fontsize = max(3.0, min(10.0, 0.5 * column_pt))
    for node in nodes:
        xy = (step[id(node)], rails[id(node)])
        radius = 0.4 if node._fn is None else 0.3
        ax.add_patch(patches.Circle(xy, radius=radius, color=colors[key[id(node)]], zorder=2))
        ax.text(
            xy[0] - 0.2, max(ys) + 1, _label(node), rotation=45, ha="left", va="bottom",
            fontsize=fontsize, color=colors[key[id(node)]],
        )
    ax.set_xlim(-0.5, len(nodes) - 0.5)
    ax.set_ylim(min(ys) - 0.5, max(ys) + 0.5)
    ax.set_aspect("equal")
    ax.set_axis_off()
    _finish(fig, path)
    return fig, ax


def plot_history_size_footprint(
    tree: Any,
    *,
    include_inputs: bool = True,
    in_bytes: bool = False,
    log: bool = False,
    figsize: Any = (8, 3),
    ax: Any = None,
    path: Any = None,
) -> tuple:
    """The elements (or, with ``in_bytes``, bytes) alive at each step of computing the
    graph, with the peak marked.

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3), "float64")
    >>> y = lazy.sum(x * 2.0)
    >>> fig, ax = lazy.plot_history_size_footprint(y, in_bytes=True)  # doctest: +SKIP
    """
    fig, ax = _figure("plot_history_size_footprint", ax, figsize)
    footprint = (history_bytes_footprint if in_bytes else history_size_footprint)(tree, include_inputs)
    steps = range(len(footprint))
    ax.fill_between(steps, footprint, step="mid", alpha=0.3)
    ax.step(steps, footprint, where="mid")
    peak = max(footprint)
    ax.axhline(peak, color="grey", linestyle=":", linewidth=1)
    ax.text(0, peak, f" peak {peak}", va="bottom", fontsize="small")
    ax.set_xlabel("step")
    ax.set_ylabel("bytes alive" if in_bytes else "elements alive")
    if log:
        ax.set_yscale("log")
    _finish(fig, path)
    return fig, ax


def plot_history_functions(
    tree: Any, *, kind: str = "scatter", log: bool | float = False, colors: dict | None = None,
    rasterize: Any = False, figsize: Any = (8, 4), ax: Any = None, path: Any = None,
) -> tuple:
    """Which function runs at each step of the computation, and on what sizes:
    ``kind='scatter'`` (each node at (step, output size)), ``'lines'`` (a vertical line
    per node, as tall as its size) or ``'image'`` (one row per function, a mark at each
    step it runs). ``rasterize`` draws the marks as a bitmap (large graphs).

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3), "float64")
    >>> y = lazy.sum(x * 2.0)
    >>> fig, ax = lazy.plot_history_functions(y, log=True)  # doctest: +SKIP
    """
    if kind not in ("scatter", "lines", "image"):
        raise ValueError(
            f"arraycompat.lazy.plot_history_functions: kind must be 'scatter', 'lines' or "
            f"'image', got {kind!r}"
        )
    fig, ax = _figure("plot_history_functions", ax, figsize)
    nodes = list(History(tree))
    names = [fn_name(node) for node in nodes]
    colors = _colors(names, colors)
    order = list(dict.fromkeys(names))
    for name in order:
        xs = [i for i, m in enumerate(names) if m == name]
        ys = [node_size(nodes[i]) for i in xs]
        if kind == "scatter":
            art = ax.scatter(xs, ys, color=colors[name], label=name, s=14)
        elif kind == "lines":
            art = ax.vlines(xs, 0.5 if log else 0, ys, color=colors[name], label=name, linewidth=2)
        else:
            row = order.index(name)
            art = ax.scatter(xs, [row] * len(xs), color=colors[name], label=name, marker="|", s=80)
        if rasterize:
            art.set_rasterized(True)
    ax.set_xlabel("step")
    if kind == "image":
        ax.set_yticks(range(len(order)), order)
        ax.invert_yaxis()
    else:
        ax.set_ylabel("output size")
        if log:  # True, or a base such as 2 (autoray's log=2)
            ax.set_yscale("log", base=10 if log is True else log)
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize="small", frameon=False)
    _finish(fig, path)
    return fig, ax


def plot_history_stats(
    tree: Any, fn: Any = "count", *, log: bool = False, figsize: Any = (6, 4), ax: Any = None,
    path: Any = None,
) -> tuple:
    """A bar per function of ``history_stats(tree, fn)`` ('count', 'sizein', 'sizeout',
    'bytesin', 'bytesout', 'flops' or a callable), largest first.

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3), "float64")
    >>> y = lazy.sum(x * 2.0)
    >>> fig, ax = lazy.plot_history_stats(y, "flops", path="flops.png")  # doctest: +SKIP
    """
    fig, ax = _figure("plot_history_stats", ax, figsize)
    stats = sorted(history_stats(tree, fn).items(), key=lambda kv: -kv[1])
    names = [k for k, _ in stats]
    colors = _colors(names)
    ax.barh(names, [v for _, v in stats], color=[colors[k] for k in names])
    ax.invert_yaxis()
    ax.set_xlabel(fn if isinstance(fn, str) else getattr(fn, "__name__", "value"))
    if log:
        ax.set_xscale("log")
    _finish(fig, path)
    return fig, ax
