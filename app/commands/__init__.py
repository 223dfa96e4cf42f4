"""Subcommands of `dutymatrix`, one module per feature.

Each module has ``register(subparsers)``, which adds its parsers and sets
``run=function(store, args)`` on them.
"""
from app.commands import (
    checking, comparing, exporting, handing_down, importing, listing, merging, reminding, rounds, scoring, versions,
)

MODULES = [listing, importing, checking, exporting, handing_down, merging, versions, comparing, rounds, reminding, scoring]
