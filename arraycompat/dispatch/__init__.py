"""Layer 2, dispatch: ``do(name, *args, like=...)`` and what it looks up: user
registrations, translations (numpy-style names on every library), dtype helpers,
random generators, autoray's small shortcuts.

Imports only ``arraycompat.core``; see docs/architecture.md.
"""
