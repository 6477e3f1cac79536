"""Layer 1, core: ``type(x) -> Namespace``. The resolver, the Namespace object, device
helpers, predicates, sample arrays per library and the per-library corrections.

Imports nothing else of arraycompat: the layers above (dispatch, lazy, ...) fill in
the tables it offers (lookup hooks on Namespace, sample arrays by name) when they
are imported. See docs/architecture.md.
"""
