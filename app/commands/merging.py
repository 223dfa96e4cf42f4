"""`merge FILE... [--accept-all] [--json]`: taking back returned sheets (.xlsx) and packs (.zip).

Without ``--accept-all`` the review is printed and nothing changes.  With it,
every change except conflicting ones and those only a reviewer may accept
row by row (deletions, a department's edits outside its fill-in columns) is applied in one transaction after a
backup.  A file that cannot be read, or that belongs to another plan, stops
the whole merge (exit status 1, nothing written).  A pack's evidence files (佐证材料) are
changes like the rest; each file something was accepted from is kept in returned/ beside the
store (:mod:`models.returned_copies`).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from typing import TYPE_CHECKING

from app.commands.common import UserError, plan_id, print_json

if TYPE_CHECKING:
    from models.merge_review import ReturnedFile, Review
    from models.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("merge", help="审阅（并接受）回收的部门分解表、报送包（.zip）或修改过的附件")
    p.add_argument("files", nargs="+", type=Path, metavar="文件")
    p.add_argument("--accept-all", action="store_true", help="接受所有没有冲突的修改")
    p.add_argument("--plan", metavar="清单", help="清单（用于没有清单标记的文件）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(run=cmd_merge)


def review_files(store: Store, paths: list[Path], plan_ref: str | None = None) -> tuple[Review, list[ReturnedFile]]:
    """Read the files and build the review against their plan (raises UserError)."""
    from importers.returned_pack import read_returned_any  # openpyxl: only now
    from importers.returned_sheets import ReturnedFileError
    from models.merge_review import MergeError, review_for_store

    try:
        files = [read_returned_any(p) for p in paths]
        return review_for_store(store, files, plan_id(store, plan_ref)), files
    except (ReturnedFileError, MergeError) as exc:
        raise UserError(str(exc)) from exc


def cmd_merge(store: Store, args: argparse.Namespace) -> None:
    from datetime import date

    from models.merge_review import MergeError, apply_changes
    from models.returned_copies import keep_returned

    review, files = review_files(store, args.files, args.plan)
    accepted = review.accept_all() if args.accept_all else []
    backup = None
    if accepted:
        try:
            backup = apply_changes(store, review.plan_id, accepted).backup
        except MergeError as exc:
            raise UserError(str(exc)) from exc
        try:
            keep_returned(store.path, review.plan_id, files, accepted, date.today().isoformat())
        except OSError as exc:
            print(f"注意：已合并，但无法在 {store.path.parent / 'returned'} 中保留回收文件的副本"
                  f"（{exc.strerror or exc}）。", file=sys.stderr)
    if args.json:
        data = review.to_json()
        data["applied"] = [c.id for c in accepted]
        data["backup"] = str(backup) if backup else None
        print_json(data)
        return
    print(f"清单：{review.plan_title}")
    for notice in review.notices:
        print(f"注意\t{notice.message}\t{notice.source}")
    for c in review.changes:
        conflict = f"\t冲突组{c.conflict}" if c.conflict is not None else ""
        conflict += "\t需逐项确认" if c.explicit else ""
        who = f"（{c.unit}）" if c.unit else ""
        status = f"［{c.status}］" if c.status else ""
        print(f"[{c.id}]\t{c.label}{who}\t{c.where}\t{_short(c.old)} → {status}{_short(c.new)}\t{c.source}{conflict}")
    skipped = len(review.changes) - len(accepted)
    if args.accept_all:
        print(f"已接受 {len(accepted)} 项" + (f"，{skipped} 项冲突或需逐项确认，未接受" if skipped else "")
              + (f"；合并前的备份：{backup}" if backup else ""))
    else:
        print(f"共 {len(review.changes)} 项修改，未做任何更改；加 --accept-all 接受全部（冲突项除外）。")


def _short(text: str, limit: int = 40) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else text[:limit] + "…"
