"""Tooltips that wrap: Qt shows a plain-text tip on one line, however long (off the screen); rich text
wraps at a readable width."""
from __future__ import annotations

import html


def wrapped_tip(text: str) -> str:
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"
