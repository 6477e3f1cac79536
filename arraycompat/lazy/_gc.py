"""Keeping CPython's cyclic collector off a growing lazy graph.

Nodes of a traced graph hold no reference cycles, yet the cyclic collector walks
every new node at least twice (generations 0 and 1), and every full collection
walks them all again: while a trace of a million nodes grows, the cost per
recorded node would grow with the graph. So, while nodes are being recorded fast,
the collector is kept off them, and the program's settings come back as soon as
the recording stops:

* at the start of a generation-1 or full collection, if at least an eighth of the
  youngest objects are lazy nodes, full collections are paused (generation 2's
  threshold raised) and, unless the program uses ``gc.freeze`` itself, each young
  collection first moves the objects made since into the permanent generation
  (``gc.freeze()``): no collection walks the graph;
* every 16th young collection samples the youngest objects again; once fewer than
  an eighth are nodes, frozen objects go back to the oldest generation
  (``gc.unfreeze()``), where the next full collection looks at them, and the
  thresholds the program had are put back, unless it changed them meanwhile.

Objects are still freed by reference counting while paused; only reference cycles
made during a large trace wait for its end, or for a ``gc.collect()``, which ends
the pause first. ``gc.get_threshold()`` read during a
large trace shows the raised threshold; ``set_pausing(False)`` turns this off.

>>> import gc
>>> from arraycompat import lazy
>>> before = gc.get_threshold(), gc.get_freeze_count()
>>> y = lazy.asarray(1.0)
>>> for _ in range(50_000):
...     y = y * 1.0
>>> del y
>>> _ = [[] for _ in range(50_000)]  # other work: the pause ends
>>> (gc.get_threshold(), gc.get_freeze_count()) == before
True
"""

from __future__ import annotations

import gc

__all__ = ["set_pausing", "is_paused"]

_PAUSED_THRESHOLD2 = 1 << 30  # no full collection while paused
_SAMPLE_EVERY = 16  # young collections between two looks at the youngest objects
_node_type: type | None = None
_enabled = True
_saved: tuple | None = None  # the program's thresholds while paused
_ours: tuple | None = None  # the thresholds we set
_freezing = False
_young_collections = 0


def _mostly_nodes() -> bool:
    """True when at least an eighth of the youngest tracked objects are lazy nodes."""
    young = gc.get_objects(generation=0)
    if len(young) < 64:
        return False
    node = _node_type
    count = 0
    for obj in young:
        if type(obj) is node:
            count += 1
    return count * 8 >= len(young)


def _on_collection(phase: str, info: dict) -> None:
    # Runs inside the collector, under the GIL: no lock (one taken here could be held
    # by the very thread whose allocation started this collection).
    global _saved, _ours, _freezing, _young_collections
    if phase != "start":
        return
    if _saved is None:
        if info["generation"] and _enabled and gc.isenabled() and _mostly_nodes():
            _saved = gc.get_threshold()
            _ours = (_saved[0], _saved[1], _PAUSED_THRESHOLD2)
            gc.set_threshold(*_ours)
            _freezing = gc.get_freeze_count() == 0
            _young_collections = 0
            if _freezing:
                gc.freeze()
        return
    if info["generation"] == 2:  # gc.collect(), or the program's own thresholds: let it see all
        _resume()
        return
    _young_collections += 1
    if _young_collections % _SAMPLE_EVERY == 0 and not _mostly_nodes():
        _resume()
    elif _freezing:
        gc.freeze()


def _resume() -> None:
    global _saved, _ours, _freezing
    if _freezing:
        gc.unfreeze()
    if gc.get_threshold() == _ours:  # else the program set its own meanwhile: keep those
        gc.set_threshold(*_saved)
    _saved = _ours = None
    _freezing = False


def is_paused() -> bool:
    """True while the collector is kept off a large trace."""
    return _saved is not None


def set_pausing(enabled: bool) -> None:
    """Keep the collector off large traces (the default), or never.

    >>> set_pausing(False); set_pausing(True)
    """
    global _enabled
    _enabled = bool(enabled)
    if not _enabled and _saved is not None:
        _resume()


def install(node_type: type) -> None:
    """Watch the collector for traces of ``node_type`` nodes (once per process)."""
    global _node_type
    _node_type = node_type
    if hasattr(gc, "freeze") and _on_collection not in gc.callbacks:
        gc.callbacks.append(_on_collection)
