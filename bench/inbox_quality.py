#!/usr/bin/env python
"""The inbox pipeline on its labelled set (bench/data/inbox/), rules only: kind, application, interview date.

    .venv/bin/python bench/inbox_quality.py          # prints the figures, the confusion table and every miss
    .venv/bin/python bench/run.py inbox_quality      # the same section in docs/performance.md

Figures:
  * kind accuracy — the classified kind equals the label, over every message;
  * application accuracy — the matched application (or none) equals the label, over every message;
  * interview date accuracy — over the messages labelled as interview invitations, the time
    `message_interview_time` reads equals the label (the same instant, or both none); measured on its
    own so a misclassified invitation counts once, in the kind accuracy;
  * confident — the classifications at or above the LLM threshold (kept as the rules say even with an
    LLM configured) and how many of them are right; the rest would be refined by the LLM;
  * the same figures per group of the set: the emails written first (the rules were tuned on them) and
    each held-out batch (written later, measured once before any rule changed for it: docs/inbox.md).

Targets with the rules alone (issue 21): ≥ 95 % kind, ≥ 95 % application, ≥ 98 % interview dates. The
exit status is 1 below a target; `tracker/tests/inbox/test_labelled_set.py` runs this in the suite.
No database, no network: the LLM is never asked (`use_llm=False`).
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

TITLE = "Inbox: classification, matching and interview dates on the labelled set"
DATA = Path(__file__).resolve().parent / "data" / "inbox"
KIND_TARGET = 0.95
APPLICATION_TARGET = 0.95
DATE_TARGET = 0.98


@dataclass
class Report:
    total: int = 0
    kind_right: int = 0
    application_right: int = 0
    dated: int = 0
    date_right: int = 0
    confident: int = 0
    confident_right: int = 0
    confusion: Counter = field(default_factory=Counter)  # (expected, predicted) -> count
    misses: list[str] = field(default_factory=list)

    @property
    def kind_accuracy(self) -> float:
        return self.kind_right / self.total if self.total else 0.0

    @property
    def application_accuracy(self) -> float:
        return self.application_right / self.total if self.total else 0.0

    @property
    def date_accuracy(self) -> float:
        return self.date_right / self.dated if self.dated else 0.0

    def meets_targets(self) -> bool:
        return (self.kind_accuracy >= KIND_TARGET and self.application_accuracy >= APPLICATION_TARGET
                and self.date_accuracy >= DATE_TARGET)


def load_set(directory: Path = DATA) -> dict:
    return json.loads((directory / "labels.json").read_text(encoding="utf-8"))


def _candidates(labelled: dict) -> list:
    from tracker.inbox.matching import ApplicationCandidate

    return [
        ApplicationCandidate(
            id=item["id"],
            company_name=item["company_name"],
            role_title=item["role_title"],
            applied_date=date.fromisoformat(item["applied_date"]) if item.get("applied_date") else None,
            status=item.get("status", ""),
            message_ids=frozenset(item.get("message_ids", [])),
            subjects=tuple(item.get("subjects", [])),
        )
        for item in labelled["applications"]
    ]


def _parsed(entry: dict, directory: Path):
    from tracker.inbox.parsing import message_from_fields, message_parse

    if "file" in entry:
        return message_parse((directory / entry["file"]).read_bytes())
    return message_from_fields(entry["fields"])


def _same_moment(found: datetime | None, expected: str | None) -> bool:
    if found is None or expected is None:
        return found is None and expected is None
    return found == datetime.fromisoformat(expected)


def group_of(entry: dict) -> str:
    return f"held-out batch {entry['held_out']}" if entry.get("held_out") else "written first"


def evaluate(directory: Path = DATA, *, group: str | None = None) -> Report:
    """Every labelled message (or those of one group) through the pipeline, rules only."""
    from tracker.inbox.classification import LLM_REFINE_BELOW
    from tracker.inbox.suggestions import message_interview_time, suggestion_build

    labelled = load_set(directory)
    candidates = _candidates(labelled)
    zone = labelled["user_timezone"]
    report = Report()
    for entry in labelled["messages"]:
        if group is not None and group_of(entry) != group:
            continue
        name = entry.get("file") or entry["id"]
        message = _parsed(entry, directory)
        suggestion = suggestion_build(message, applications=candidates, user_timezone=zone, use_llm=False)
        report.total += 1
        report.confusion[(entry["kind"], suggestion.kind)] += 1
        if suggestion.confidence >= LLM_REFINE_BELOW:
            report.confident += 1
            report.confident_right += suggestion.kind == entry["kind"]
        if suggestion.kind == entry["kind"]:
            report.kind_right += 1
        else:
            report.misses.append(f"kind        {name}: {suggestion.kind} ({suggestion.confidence}), labelled {entry['kind']}")
        if suggestion.application_id == entry["application"]:
            report.application_right += 1
        else:
            report.misses.append(f"application {name}: {suggestion.application_id}, labelled {entry['application']}")
        if entry["kind"] == "interview_invitation":
            report.dated += 1
            found = message_interview_time(message, user_timezone=zone)
            if _same_moment(found, entry["interview_at"]):
                report.date_right += 1
            else:
                report.misses.append(
                    f"date        {name}: {found.isoformat() if found else None}, labelled {entry['interview_at']}"
                )
    return report


def confusion_table(report: Report) -> str:
    kinds = sorted({kind for pair in report.confusion for kind in pair})
    header = "| labelled \\ classified | " + " | ".join(kinds) + " |"
    rule = "| --- |" + " ---: |" * len(kinds)
    rows = [
        f"| {expected} | " + " | ".join(str(report.confusion.get((expected, found), "·")) for found in kinds) + " |"
        for expected in kinds
    ]
    return "\n".join([header, rule, *rows])


def _share(right: int, total: int) -> str:
    return f"{right / total:.0%}" if total else "–"


def groups_table(directory: Path = DATA) -> str:
    names = sorted({group_of(entry) for entry in load_set(directory)["messages"]}, key=lambda name: (name != "written first", name))
    rows = ["| group | emails | kind | application | interview date | confident (right) |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for name in names:
        r = evaluate(directory, group=name)
        rows.append(f"| {name} | {r.total} | {_share(r.kind_right, r.total)} | {_share(r.application_right, r.total)} "
                    f"| {_share(r.date_right, r.dated)} | {_share(r.confident, r.total)} ({_share(r.confident_right, r.confident)}) |")
    return "\n".join(rows)


def section(report: Report, groups: str = "") -> str:
    def line(label: str, right: int, total: int, target: float) -> str:
        share = right / total if total else 0.0
        return f"| {label} | {right} / {total} | {share:.1%} | ≥ {target:.0%} | {'met' if share >= target else 'missed'} |"

    misses = "\n".join(f"    {miss}" for miss in report.misses) or "    none"
    return "\n".join([
        f"## {TITLE}",
        "",
        f"{report.total} labelled employer emails (`bench/data/inbox/`), rules only (no LLM). Method: `docs/inbox.md`.",
        "",
        "| figure | right | accuracy | target | |",
        "| --- | ---: | ---: | ---: | --- |",
        line("kind", report.kind_right, report.total, KIND_TARGET),
        line("application", report.application_right, report.total, APPLICATION_TARGET),
        line("interview date", report.date_right, report.dated, DATE_TARGET),
        "",
        f"Confident (≥ the LLM threshold, so kept as the rules say): {report.confident} / {report.total}, "
        f"{_share(report.confident_right, report.confident)} of them right; the other {report.total - report.confident} "
        "would go to the LLM when one is configured.",
        "",
        *([groups, ""] if groups else []),
        confusion_table(report),
        "",
        "Misses:",
        "",
        misses,
        "",
    ])


def run(context) -> str:
    """bench/run.py's entry point (the database it prepares is not used)."""
    return section(evaluate(), groups_table())


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerhub.settings.base")
    import django

    django.setup()
    report = evaluate()
    print(section(report, groups_table()))
    return 0 if report.meets_targets() else 1


if __name__ == "__main__":
    sys.exit(main())
