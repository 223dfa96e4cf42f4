"""`export PLAN --pdf OUT [--appendix-only]`: the notice and its appendix as PDF, headless.

``export_pdf`` holds the logic and runs without a display: it starts a
``QGuiApplication`` on the ``offscreen`` platform when no Qt application is
running (no widgets are created).  ``pdf_format`` has the ``write(plan, out,
args)`` shape of the ``export`` command's format table, for folding ``--pdf``
into it.  ``register`` adds a minimal ``export`` subcommand only when no other
module has one.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.commands.common import UserError, plan_id
from exporters.appendix_layout import LayoutOptions
from models.domain import Plan
from models.store import Store


def ensure_gui_application():
    """The running Qt application, or a new QGuiApplication (offscreen without a display)."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and sys.platform.startswith("linux"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([sys.argv[0] if sys.argv else "dutymatrix"])
    return app


def write_plan_pdf(plan: Plan, out: Path, appendix_only: bool, options: LayoutOptions | None = None,
                   progress=None):
    """Write ``plan`` to ``out`` as PDF; a UserError names the file when that is impossible."""
    out = Path(out)
    if out.is_dir():
        raise UserError(f"{out}：是一个文件夹，请给出 .pdf 文件名")
    if not out.parent.is_dir():
        raise UserError(f"{out}：文件夹 {out.parent} 不存在")
    ensure_gui_application()
    from exporters.pdf_document import PdfError, write_pdf

    try:
        result = write_pdf(plan, out, appendix_only, options or LayoutOptions(), progress)
    except PdfError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"{out}：无法写入（{exc.strerror or exc}）") from None
    if result.fonts.stand_ins:
        print(f"dutymatrix: {out}：{result.fonts.describe()}", file=sys.stderr)
    return result


def export_pdf(store: Store, plan_id: str, out: Path, appendix_only: bool,
               options: LayoutOptions | None = None, progress=None):
    """Write the plan's notice and appendix (or the appendix alone) to ``out`` as PDF."""
    return write_plan_pdf(store.load_plan(plan_id), out, appendix_only, options, progress)


def pdf_format(plan: Plan, out: Path, args: argparse.Namespace) -> list[Path]:
    """The PDF entry for the one ``export`` command's format table: ``write(plan, out, args)``.
    Takes the appendix table options (--label, --serial, --merge-equal, --progress) when present."""
    options = LayoutOptions(label=getattr(args, "label", "附件"), serial=getattr(args, "serial", False),
                            merge_equal_fields=getattr(args, "merge_equal", False),
                            progress=getattr(args, "progress", False))
    return [write_plan_pdf(plan, out, args.appendix_only, options).path]


def _pdf(store: Store, args: argparse.Namespace) -> None:
    for path in pdf_format(store.load_plan(plan_id(store, args.plan)), args.pdf, args):
        print(path)


FORMATS = {"pdf": _pdf}


def register(sub: argparse._SubParsersAction) -> None:
    if "export" in sub.choices:  # another module owns `export`; the lead folds --pdf into it
        return
    p = sub.add_parser("export", help="write a plan as PDF (the notice and its appendix)")
    p.add_argument("plan", metavar="PLAN", help="index from `list`, id, or exact title")
    formats = p.add_mutually_exclusive_group(required=True)
    formats.add_argument("--pdf", type=Path, metavar="OUT", help="the notice with the list as 附件 (.pdf)")
    p.add_argument("--appendix-only", action="store_true", help="only the appendix table, in landscape")
    p.set_defaults(run=cmd_export)


def cmd_export(store: Store, args: argparse.Namespace) -> None:
    chosen = next(name for name in FORMATS if getattr(args, name, None) is not None)
    FORMATS[chosen](store, args)
