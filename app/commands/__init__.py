"""Subcommands of `dutymatrix`, one module per feature.

Each module has ``register(subparsers)``, which adds its parsers and sets
``run=function(store, args)`` on them.
"""
from app.commands import checking, exporting, importing, listing, merging, reminding, rounds

MODULES = [listing, importing, checking, exporting, merging, rounds, reminding]
