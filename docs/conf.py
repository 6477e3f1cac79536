"""Sphinx configuration: MyST Markdown pages, an API reference from the docstrings."""

import os
import sys

sys.path.insert(0, os.path.abspath(".."))
sys.path.insert(0, os.path.abspath("../examples"))

project = "arraycompat"
author = "arraycompat developers"
copyright = "2026, arraycompat developers"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
autosummary_generate = True
autodoc_typehints = "description"
autodoc_default_options = {"members": False}
exclude_patterns = ["_build", "api/generated/*.md"]
html_theme = "furo" if __import__("importlib").util.find_spec("furo") else "alabaster"
html_static_path = ["_static"]
# The folder holds only pictures drawn at build time (git-ignored), so a fresh clone lacks it.
os.makedirs(os.path.join(os.path.dirname(os.path.abspath(__file__)), "_static"), exist_ok=True)
html_title = "arraycompat"


def _draw_lazy_figures(app):
    """The lazy guide's pictures, drawn by the real plotting functions at build time."""
    from make_figures import make_figures

    make_figures(os.path.join(app.srcdir, "_static"))


def _draw_performance_chart(app):
    """The performance page's chart, drawn from the recorded benchmark run."""
    from make_performance import RESULTS, draw_chart

    draw_chart(RESULTS, os.path.join(app.srcdir, "_static", "performance_ratios.png"))


# Functions whose real signature carries a private sentinel default: what users call.
SIGNATURES = {
    "arraycompat.get_namespace": "(*arrays, api_version=None)",
    "arraycompat.array_namespace": "(*arrays, api_version=None)",
}


def _public_signature(app, what, name, obj, options, signature, return_annotation):
    if name in SIGNATURES:
        return SIGNATURES[name], return_annotation
    return None


def setup(app):
    app.connect("autodoc-process-signature", _public_signature)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    app.connect("builder-inited", _draw_lazy_figures)
    app.connect("builder-inited", _draw_performance_chart)
