"""Nested JSON of nodes and plans: the demo file, the clipboard and plan snapshots use it.

The fields and their types come from the dataclasses (:data:`models.domain.NODE_FIELDS`,
:data:`~models.domain.PLAN_FIELDS`): :func:`plain` turns a value into JSON data, :func:`decode`
turns JSON data back into a field's type; the store uses both for its rows.
"""
from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable
from enum import Enum
from typing import Any, Union, get_args, get_origin, get_type_hints

from models.domain import NODE_FIELDS, PLAN_FIELDS, Node, Plan

_HINTS = {Node: get_type_hints(Node), Plan: get_type_hints(Plan)}


def plain(value: object) -> Any:
    """A field's value as JSON data: enums by value, value objects as dicts, lists and dicts copied."""
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def decoder(tp: Any) -> Callable[[Any], Any]:
    """The function that turns JSON data into a value of type ``tp`` (str, an enum, a list or dict of them,
    or one of them or None)."""
    origin = get_origin(tp)
    if origin is list:
        item = decoder(get_args(tp)[0])
        return lambda value: [item(v) for v in value]
    if origin is dict:
        key, item = (decoder(a) for a in get_args(tp))
        return lambda value: {key(k): item(v) for k, v in value.items()}
    if origin in (Union, types.UnionType):
        inner = decoder(next(a for a in get_args(tp) if a is not type(None)))
        return lambda value: None if value is None else inner(value)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):  # a value object (SourceLink): its fields, unknown keys dropped
        names = {f.name for f in dataclasses.fields(tp)}
        make: Callable[..., Any] = tp
        return lambda value: make(**{k: v for k, v in value.items() if k in names})
    if tp is str:
        return str
    return lambda value: value


DECODERS = {cls: {name: decoder(tp) for name, tp in hints.items()} for cls, hints in _HINTS.items()}
# The fields holding lists or dicts (stored as JSON text in the store's rows).
CONTAINERS = {cls: {name for name, tp in hints.items() if get_origin(tp) in (list, dict)} for cls, hints in _HINTS.items()}


def decode(cls: type, name: str, value: Any) -> Any:
    """JSON data as the value of field ``name`` of ``cls`` (Node or Plan)."""
    return DECODERS[cls][name](value)


def node_to_dict(node: Node, ids: bool = False) -> dict:
    data = {name: plain(getattr(node, name)) for name in NODE_FIELDS}
    data["children"] = [node_to_dict(c, ids) for c in node.children]
    if ids:
        data["id"] = node.id
    return data


def _id(data: dict) -> dict:
    return {"id": data["id"]} if "id" in data else {}


def node_from_dict(data: dict) -> Node:
    """A node from nested JSON, with its ids where the JSON has them (else new ones); missing
    fields take their defaults."""
    return Node(**{name: decode(Node, name, data[name]) for name in NODE_FIELDS if name in data},
                children=[node_from_dict(c) for c in data.get("children", [])], **_id(data))


def plan_to_dict(plan: Plan) -> dict:
    """The whole plan with its ids (a snapshot); :func:`plan_from_dict` reads it back equal."""
    return {**{name: plain(getattr(plan, name)) for name in PLAN_FIELDS}, "id": plan.id,
            "nodes": [node_to_dict(r, ids=True) for r in plan.roots]}


def plan_from_dict(data: dict) -> Plan:
    """A plan from nested JSON as in ``resources/demo_plan.json`` (its tree under ``nodes``); ids as
    in :func:`node_from_dict`."""
    fields = {name: decode(Plan, name, data[name]) for name in PLAN_FIELDS if name in data}
    return Plan(**{"title": data["title"], **fields}, roots=[node_from_dict(n) for n in data.get("nodes", [])],
                **_id(data))
