"""`score PLAN [--json] [--xlsx OUT] [--pdf OUT] [--at DATE]`: a plan's assessment scores.

Computed from the store each time (models.scoring), never stored.  ``--rules FILE`` sets the
plan's rules from a JSON object first (keys of models.scoring.ScoringRules; ``{}`` for the
defaults); ``--adjust UNIT POINTS REASON`` enters a manual 加分/减分 (with ``--user``).
"""
from __future__ import annotations

import argparse
import getpass
import json
from datetime import date
from pathlib import Path

from typing import TYPE_CHECKING

from app.commands.common import UserError, plan_id, print_json

if TYPE_CHECKING:
    from models.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("score", help="assessment scores per unit (目标考核), computed from the history")
    p.add_argument("plan", metavar="PLAN", help="index from `list`, id, or exact title")
    p.add_argument("--json", action="store_true")
    p.add_argument("--xlsx", type=Path, metavar="OUT", help="the score table (summary and detail) as .xlsx")
    p.add_argument("--pdf", type=Path, metavar="OUT", help="the score table as PDF")
    p.add_argument("--at", type=_day, metavar="DATE", help="calculation date YYYY-MM-DD (default: today)")
    p.add_argument("--rules", type=Path, metavar="FILE", help="set the plan's scoring rules from a JSON file")
    p.add_argument("--adjust", nargs=3, metavar=("UNIT", "POINTS", "REASON"),
                   help="enter a manual 加分 (positive) or 减分 (negative) with its reason")
    p.add_argument("--user", help="who enters --adjust (default: the login name)")
    p.set_defaults(run=cmd_score)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写作 YYYY-MM-DD：{text}") from None


def _target(out: Path) -> Path:
    if out.is_dir():
        raise UserError(f"{out}：是一个文件夹，请给出文件名")
    if not out.parent.is_dir():
        raise UserError(f"{out}：文件夹 {out.parent} 不存在")
    return out


def _read_rules(path: Path) -> dict:
    from models.scoring import ScoringRules

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("应为一个 JSON 对象")
        return ScoringRules.from_dict(data).to_dict() if data else {}
    except OSError as exc:
        raise UserError(f"{path}：无法读取（{exc.strerror or exc}）") from None
    except ValueError as exc:  # json.JSONDecodeError is one
        raise UserError(f"{path}：评分规则有误（{exc}）") from None


def cmd_score(store: Store, args: argparse.Namespace) -> None:
    from models.scoring import ScoringRules, plan_scores, scores_json
    from models.store import ScoreAdjustment

    pid = plan_id(store, args.plan)
    at = args.at or date.today()
    if args.rules:
        store.update_plan(pid, scoring=_read_rules(args.rules))
    if args.adjust:
        unit, points, reason = args.adjust
        try:
            value = float(points)
        except ValueError:
            raise UserError(f"分值应为数字：{points}") from None
        store.add_adjustment(ScoreAdjustment.new(pid, unit, value, reason, args.user or getpass.getuser(),
                                                 at.isoformat()))
    plan = store.load_plan(pid)
    try:
        rules = ScoringRules.from_dict(plan.scoring)
    except ValueError as exc:
        raise UserError(f"清单“{plan.title}”的评分规则有误（{exc}）") from None
    scores = plan_scores(store, plan, at)
    if args.xlsx or args.pdf:
        from exporters.score_table import score_tables

        tables = score_tables(plan, scores, rules, at)
        if args.xlsx:
            from exporters.score_table import write_score_xlsx

            print(write_score_xlsx(tables, _target(args.xlsx)))
        if args.pdf:
            from app.commands.export_pdf import ensure_gui_application

            _target(args.pdf)
            ensure_gui_application()
            from exporters.pdf_document import write_tables_pdf

            print(write_tables_pdf(tables, args.pdf).path)
        return
    if args.json:
        print_json(scores_json(scores, at, rules))
        return
    from models.scoring import figure

    print(f"计算日期\t{at.isoformat()}")
    for score in scores:
        print(f"{score.unit}\t{figure(score.total)}")
        for item in score.items:
            print("\t" + "\t".join([item.rule, str(figure(item.points)), item.task, item.detail]).rstrip())
