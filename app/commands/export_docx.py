"""`export PLAN --docx OUT [--appendix-only]`: the notice with its appendix as Word.

``export_docx`` holds the logic; ``register`` adds a minimal ``export``
subcommand whose formats are a mutually exclusive group dispatched through
``FORMATS`` (format → function), so that further formats (--xlsx, --per-unit,
…) join the same parser.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from app.commands.common import UserError, plan_id
from exporters.docx_notice import DocxOptions, write_docx
from models.store import Store


def export_docx(store: Store, plan_id: str, out: Path, appendix_only: bool,
                options: DocxOptions | None = None) -> Path:
    """Write the plan's notice and appendix (or the appendix alone) to ``out``."""
    plan = store.load_plan(plan_id)
    options = options or DocxOptions()
    if appendix_only:
        options = replace(options, appendix_only=True)
    out = Path(out)
    if out.is_dir():
        raise UserError(f"{out}：是一个文件夹，请给出 .docx 文件名")
    try:
        write_docx(plan, out, options)
    except OSError as exc:
        raise UserError(f"{out}：无法写入（{exc.strerror or exc}）") from None
    if not appendix_only:
        missing = [name for name, value in (("成文日期", plan.date), ("发文机关", plan.issuer),
                                            ("发文字号", plan.doc_number)) if not value]
        if missing:
            print(f"dutymatrix: {out}：{'、'.join(missing)}未填写，已留空", file=sys.stderr)
    return out


def _docx(store: Store, args: argparse.Namespace) -> None:
    export_docx(store, plan_id(store, args.plan), args.docx, args.appendix_only)


FORMATS = {"docx": _docx}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write a plan as a Word notice with its appendix")
    p.add_argument("plan", metavar="PLAN", help="index from `list`, id, or exact title")
    formats = p.add_mutually_exclusive_group(required=True)
    formats.add_argument("--docx", type=Path, metavar="OUT", help="the notice with the list as 附件 (.docx)")
    p.add_argument("--appendix-only", action="store_true", help="only the appendix table, in landscape")
    p.set_defaults(run=cmd_export)


def cmd_export(store: Store, args: argparse.Namespace) -> None:
    chosen = next(name for name in FORMATS if getattr(args, name, None) is not None)
    FORMATS[chosen](store, args)
