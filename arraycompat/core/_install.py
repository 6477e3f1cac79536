"""How to install each optional library, for the errors and skips that name it.

>>> install_hint("torch")
'pip install torch==2.13.0'
>>> is_installed("numpy")
True
"""

from __future__ import annotations

import importlib.util

__all__ = ["INSTALL_COMMANDS", "install_hint", "is_installed", "missing_message"]

#: library (top-level module) -> the command that installs it
INSTALL_COMMANDS = {
    "numpy": "pip install numpy",
    "array_api_strict": "pip install array-api-strict",
    "array_api_compat": "pip install array-api-compat",
    "torch": "pip install torch==2.13.0",
    "jax": "pip install jax jaxlib",
    "jaxlib": "pip install jax jaxlib",
    "dask": 'pip install "dask[array]"',
    "distributed": "pip install distributed",
    "cupy": "pip install cupy-cuda12x (needs an NVIDIA GPU)",
    "sparse": "pip install sparse",
    "ndonnx": "pip install ndonnx",
    "tensorflow": "pip install tensorflow-cpu",
    "autograd": "pip install autograd",
    "pytensor": "pip install pytensor",
    "pymars": "pip install pymars",
    "mars": "pip install pymars",
    "autoray": "pip install autoray",
    "scipy": "pip install scipy",
    "matplotlib": "pip install matplotlib",
    "networkx": "pip install networkx",
}


def install_hint(library: str) -> str:
    """The command that installs ``library`` (``pip install <name>`` for one not listed)."""
    top = library.partition(".")[0]
    return INSTALL_COMMANDS.get(top, f"pip install {top}")


def is_installed(library: str) -> bool:
    """Whether ``library`` (a module name, dotted or not) can be imported, without importing it."""
    try:
        return importlib.util.find_spec(library.partition(".")[0]) is not None
    except (ImportError, ValueError):  # a finder that refuses it, or a half-imported module
        return False


def missing_message(library: str) -> str:
    """``'needs torch, which is not installed (pip install torch==2.13.0)'``."""
    return f"needs {library}, which is not installed ({install_hint(library)})"
