"""`export PLAN --docx OUT [--appendix-only]`: the notice with its appendix as Word."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from typing import TYPE_CHECKING

from app.commands.common import UserError

if TYPE_CHECKING:
    from exporters.appendix_layout import LayoutOptions
    from models.domain import Plan


def table_options(args: argparse.Namespace) -> LayoutOptions:
    """The appendix options (--label, --serial, --merge-equal, --progress) every format applies alike."""
    from exporters.appendix_layout import LayoutOptions

    return LayoutOptions(label=getattr(args, "label", "附件"), serial=getattr(args, "serial", False),
                         merge_equal_fields=getattr(args, "merge_equal", False),
                         progress=getattr(args, "progress", False))


def export_docx(plan: Plan, out: Path, args: argparse.Namespace) -> list[Path]:
    """Write the plan's notice and appendix (or the appendix alone) to ``out``."""
    from exporters.docx_notice import DocxOptions, write_docx  # python-docx: only when exporting

    out = Path(out)
    if out.is_dir():
        raise UserError(f"{out}：是一个文件夹，请给出 .docx 文件名")
    try:
        write_docx(plan, out, DocxOptions(appendix_only=args.appendix_only, layout=table_options(args)))
    except OSError as exc:
        raise UserError(f"{out}：无法写入（{exc.strerror or exc}）") from None
    if not args.appendix_only:
        missing = [name for name, value in (("成文日期", plan.date), ("发文机关", plan.issuer),
                                            ("发文字号", plan.doc_number)) if not value]
        if missing:
            print(f"dutymatrix: {out}：{'、'.join(missing)}未填写，已留空", file=sys.stderr)
    return [out]
