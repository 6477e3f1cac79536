"""The command line's tools (``python -m arraycompat ...``): the demo and the runner of
the official array-api-tests suite. A front door: it may import every layer.
See docs/architecture.md.
"""
