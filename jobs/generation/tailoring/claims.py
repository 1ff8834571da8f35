"""The no-invention check (DESIGN §9): a tailored resume carries only employers, job titles,
dates, degrees and schools found in the user's own CV or profile.

It runs on every tailored draft, a model's or the heuristic's, before anything is saved:

* each work entry is matched to a CV entry by employer (normalised: "ACME, Inc." is "Acme").
  An employer the CV does not name removes the entry. A title or date that is not that CV
  entry's is removed and the CV's own value put back: rewording a title is inventing one.
* each education entry is matched by school the same way; a degree, field or date that is not
  that CV entry's is replaced by the CV's.
* the summary and every highlight are read for years ("2015") and degrees ("PhD", "master's")
  that the source never mentions, and for the employers, schools and titles just removed; a
  sentence or highlight making such a claim is dropped.
* skills the source does not show are dropped (the job's other asks are reported as gaps,
  never added).

Every removal is reported as `{"kind", "value", "where"}` in `removed_claims`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from careerhub.skills import skill_key
from jobs.generation.tailoring.source import Source
from jobs.normalize import company_key
from profiles.resume_content import EDUCATION_KEYS, WORK_KEYS, normalise_content, resume_date

EMPLOYER, TITLE, DATE, DEGREE, SCHOOL, SKILL = "employer", "title", "date", "degree", "school", "skill"

_YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20\d\d)(?!\d)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_NON_WORD = re.compile(r"[^\w]+")
# Degree words in free text, by level: a level the source's education never mentions is a claim
# to remove. "Master" alone is not here ("Scrum Master" is a job title); "master's" and
# "master of" are.
DEGREE_LEVELS: dict[str, str] = {
    r"ph\.?\s?d\b|doctorate|doctoral degree": "doctorate",
    r"\bmba\b|master of business administration": "mba",
    r"\bm\.?\s?sc\b|\bm\.?\s?eng\b|\bm\.?a\.(?=\s|$)|master'?s\b|masters degree|master of\b": "master",
    r"\bb\.?\s?sc\b|\bb\.?\s?eng\b|\bb\.?a\.(?=\s|$)|\bb\.?s\.(?=\s|$)|bachelor'?s?\b|bachelor of\b": "bachelor",
    r"associate'?s? degree": "associate",
}
_DEGREE_PATTERNS = [(re.compile(pattern, re.IGNORECASE), level) for pattern, level in DEGREE_LEVELS.items()]


def words_key(text: str) -> str:
    """Equal for spellings that differ only in case, accents, punctuation and spacing."""
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().casefold()
    return " ".join(_NON_WORD.sub(" ", folded).split())


def employer_key(text: str) -> str:
    return company_key(text) or words_key(text)


def degree_levels(text: str) -> set[str]:
    return {level for pattern, level in _DEGREE_PATTERNS if pattern.search(text or "")}


def same_date(claimed: str, source: str) -> bool:
    """True when `claimed` says no more than `source`: the same date, or its year alone."""
    if not claimed:
        return True
    mine, theirs = resume_date(claimed), resume_date(source)
    if mine is None or theirs is None:
        return words_key(claimed) == words_key(source)
    return mine == theirs or (len(mine) == 4 and theirs[:4] == mine)


@dataclass
class Checked:
    content: dict[str, Any]
    removed: list[dict[str, str]] = field(default_factory=list)

    def remove(self, kind: str, value: str, where: str) -> None:
        claim = {"kind": kind, "value": value, "where": where}
        if value and claim not in self.removed:
            self.removed.append(claim)


class _Checker:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.years = set(_YEAR.findall(source.text()))
        self.levels = degree_levels(source.text())
        self.skills = {skill_key(name): name for name in source.skills}
        self.titles = {words_key(entry["title"]) for entry in source.base["work"]} | {words_key(source.base["basics"]["label"])}
        # Employers, schools and titles removed from the entries: free text may not name them either.
        self.invented_names: list[tuple[str, str]] = []

    # --- structured entries ---------------------------------------------------------------------

    def _candidate(self, entry: dict, candidates: list[dict], key: str) -> dict:
        """The CV entry this output entry stands for: same title/degree if one has it, else same dates."""
        for candidate in candidates:
            if words_key(candidate[key]) == words_key(entry.get(key, "")):
                return candidate
        for candidate in candidates:
            if same_date(entry.get("start_date", "") or entry.get("end_date", ""), candidate.get("start_date", "") or candidate["end_date"]):
                return candidate
        return candidates[0]

    def work(self, entries: list[dict], checked: Checked) -> list[tuple[int, dict]]:
        """The entries kept, each with its index in the draft (where its highlights were)."""
        kept = []
        for index, entry in enumerate(entries):
            where = f"work[{index}]"
            employer = employer_key(entry["company"])
            candidates = [c for c in self.source.base["work"] if employer_key(c["company"]) == employer]
            if not candidates:
                checked.remove(EMPLOYER, entry["company"] or entry["title"], f"{where}.company")
                self.invented_names.append((EMPLOYER, entry["company"]))
                continue
            candidate = self._candidate(entry, candidates, "title")
            if words_key(entry["title"]) != words_key(candidate["title"]):
                checked.remove(TITLE, entry["title"], f"{where}.title")
                if words_key(entry["title"]) not in self.titles:
                    self.invented_names.append((TITLE, entry["title"]))
            for key in ("start_date", "end_date"):
                if not same_date(entry[key], candidate[key]):
                    checked.remove(DATE, entry[key], f"{where}.{key}")
            kept.append((index, {**{key: candidate[key] for key in WORK_KEYS}, "highlights": entry["highlights"]}))
        return kept

    def education(self, entries: list[dict], checked: Checked) -> list[dict]:
        kept = []
        for index, entry in enumerate(entries):
            where = f"education[{index}]"
            school = words_key(entry["institution"])
            candidates = [c for c in self.source.base["education"] if words_key(c["institution"]) == school]
            if not candidates:
                checked.remove(SCHOOL, entry["institution"] or entry["degree"], f"{where}.institution")
                self.invented_names.append((SCHOOL, entry["institution"]))
                continue
            candidate = self._candidate(entry, candidates, "degree")
            for key in ("degree", "field"):
                if words_key(entry[key]) != words_key(candidate[key]):
                    checked.remove(DEGREE, entry[key], f"{where}.{key}")
            if not same_date(entry["end_date"], candidate["end_date"]):
                checked.remove(DATE, entry["end_date"], f"{where}.end_date")
            kept.append({key: candidate[key] for key in EDUCATION_KEYS})
        return kept

    # --- free text -------------------------------------------------------------------------------

    def unsupported(self, text: str) -> tuple[str, str] | None:
        """The first claim in `text` the source does not support, as (kind, value), else None."""
        for year in _YEAR.findall(text):
            if year not in self.years:
                return DATE, year
        for level in sorted(degree_levels(text) - self.levels):
            return DEGREE, level
        lowered = words_key(text)
        for kind, name in self.invented_names:
            if (key := words_key(name)) and re.search(rf"(?<!\w){re.escape(key)}(?!\w)", lowered):
                return kind, name
        return None

    def summary(self, text: str, checked: Checked) -> str:
        kept = []
        for sentence in (part for line in text.splitlines() for part in _SENTENCE_END.split(line)):
            if (claim := self.unsupported(sentence)) is not None:
                checked.remove(claim[0], claim[1], "summary")
            elif sentence.strip():
                kept.append(sentence.strip())
        return " ".join(kept)

    def highlights(self, work: list[tuple[int, dict]], checked: Checked) -> None:
        for index, entry in work:
            kept = []
            for number, line in enumerate(entry["highlights"]):
                if (claim := self.unsupported(line)) is not None:
                    checked.remove(claim[0], claim[1], f"work[{index}].highlights[{number}]")
                else:
                    kept.append(line)
            entry["highlights"] = kept

    def skill_list(self, names: list[str], checked: Checked) -> list[str]:
        kept = []
        for index, name in enumerate(names):
            if (known := self.skills.get(skill_key(name))) is not None:
                kept.append(known)
            else:
                checked.remove(SKILL, name, f"skills[{index}]")
        return kept


def remove_inventions(draft: Any, source: Source) -> Checked:
    """The draft with every unsupported claim removed, and the list of what was removed.

    The basics (name, headline, contact details) are always the source's: a model is never
    asked for them, and whatever it sent is ignored.
    """
    content = normalise_content(draft)
    checked = Checked(content=content)
    checker = _Checker(source)
    work = checker.work(content["work"], checked)
    education = checker.education(content["education"], checked)
    # Free text last: it is also checked for the names the entries above were removed for.
    checker.highlights(work, checked)
    checked.content = {
        "basics": source.base["basics"],
        "summary": checker.summary(content["summary"], checked),
        "skills": checker.skill_list(content["skills"], checked),
        "work": [entry for _, entry in work],
        "education": education,
    }
    return checked
