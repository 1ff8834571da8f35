"""The deterministic CV parser used when no Anthropic key is configured (DESIGN §6).

It reads a CV the way a person skims one: the lines before the first heading are the name and
contact details; headings (Summary, Skills, Experience, Education, ...) split the rest into
sections; lines carrying a date range start a position; degree and school words mark an
education entry. Skills come from the Skills section plus known skill names found anywhere.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from careerhub.skills import canonical_skill, known_skills

SECTION_HEADINGS = {
    "summary": (
        "summary", "professional summary", "profile", "professional profile", "about", "about me", "objective",
        "career objective", "personal statement", "overview",
    ),
    "skills": (
        "skills", "technical skills", "core skills", "key skills", "skills & tools", "skills and tools",
        "core competencies", "competencies", "technologies", "tech stack", "tools",
    ),
    "experience": (
        "experience", "work experience", "professional experience", "employment", "employment history",
        "work history", "career history", "relevant experience",
    ),
    "education": ("education", "academic background", "qualifications", "education and training", "academic history"),
    "other": (
        "projects", "personal projects", "certifications", "certificates", "languages", "interests", "hobbies",
        "awards", "publications", "references", "volunteering", "volunteer experience", "contact", "links",
    ),
}
_HEADING_LOOKUP = {alias: section for section, aliases in SECTION_HEADINGS.items() for alias in aliases}

# The text is the user's, up to CV_TEXT_MAX_CHARS of it, and `re` retries a failed match from
# every position. So no pattern may rescan an unbounded run from each of its characters, or one
# hostile line costs quadratic time (a 100 KB CV took 25 s): a pattern that opens with a run
# only starts at the run's first character (the lookbehinds below), and runs inside a match
# are bounded ({0,6}) or cannot backtrack (possessive ++). The leftmost match stays the same.
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# Linear as it is: a start needs a non-word character before it, so inside a digit run only
# its first digit starts a match, and a run that ends in a digit is consumed by the match.
_PHONE = re.compile(r"(?<![\w])\+?\(?\d[\d\s().-]{5,}\d(?![\w])")
_BULLET = re.compile(r"^[\s•·*\-–—▪◦●>]+")
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
# The longest month name is "sep" + "tember": six letters after the abbreviation.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]{0,6}\.?"
_DATE = rf"(?:\d{{4}}[-/.](?:0?[1-9]|1[0-2])(?!\d)|(?:0?[1-9]|1[0-2])[-/.]\d{{4}}|{_MONTH}\s+\d{{4}}|\d{{4}})"
_RANGE = re.compile(
    rf"(?P<start>{_DATE})\s*(?:-|–|—|to|until)\s*(?P<end>{_DATE}|present|current|now|today|ongoing)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_YEARS_STATED = re.compile(
    r"(\d{1,2})\+?\s*(?:years?|yrs?)(?:\s+of)?(?:\s+[\w-]+){0,3}?\s+experience", re.IGNORECASE
)
_TITLE_WORDS = re.compile(
    r"\b(engineer|developer|manager|analyst|designer|consultant|lead|director|intern|scientist|architect|"
    r"specialist|officer|administrator|head|vp|president|founder|cto|ceo|coordinator|associate|assistant|"
    r"programmer|researcher|technician|owner|advisor|editor|writer|teacher|nurse|accountant)\b",
    re.IGNORECASE,
)
_DEGREE = re.compile(
    r"\b(ph\.?\s?d|doctorate|mba|m\.?sc|b\.?sc|m\.?s\.|b\.?s\.|b\.?a\.|m\.?a\.|b\.?eng|m\.?eng|bachelor(?:'s)?(?:\s+of\s+\w+)?|"
    r"master(?:'s)?(?:\s+of\s+\w+)?|associate(?:'s)?\s+degree|diploma|certificate|a-levels?|high school diploma)",
    re.IGNORECASE,
)
_INSTITUTION = re.compile(r"\b(university|college|institute|school|academy|polytechnic|universit[äe]t|école)\b", re.IGNORECASE)
_SPLIT_SKILLS = re.compile(r"[,;|•·/\n]+|\s{2,}|\t")
# Separators between title, company and place. After a match the next character is not a space,
# so `[,|]` alone covers a comma right after a previous separator.
_AT_SEPARATOR = r"(?<!\s)\s+(?:at|@)\s+"
_LIST_SEPARATOR = r"(?<!\s)\s*[,|]\s*|[,|]\s*"
_DASH_SEPARATOR = r"(?<!\s)\s+[-–—]\s+"
_AT = re.compile(_AT_SEPARATOR, re.IGNORECASE)
_SEPARATORS = re.compile(rf"{_AT_SEPARATOR}|{_LIST_SEPARATOR}|{_DASH_SEPARATOR}", re.IGNORECASE)
_EDUCATION_SEPARATORS = re.compile(rf"{_LIST_SEPARATOR}|{_DASH_SEPARATOR}")
_IN = re.compile(r"(?<!\s)\s+in\s+", re.IGNORECASE)
# Display names that are ordinary words: only counted when listed under a Skills heading.
_AMBIGUOUS_SKILLS = {"Go", "Spring", "REST", "Agile", "Scrum", "UI", "UX", "AI", "Git", "Bash", "CI/CD"}


def _clean(line: str) -> str:
    return _BULLET.sub("", line).strip()


def _heading(line: str) -> str | None:
    candidate = line.strip().strip("#*=_:-–— ").lower()
    if not candidate or len(candidate) > 40:
        return None
    return _HEADING_LOOKUP.get(candidate)


def _inline_summary(line: str) -> str | None:
    """The text of a "Summary: I build ..." line (a summary heading and its text on one line)."""
    label, colon, rest = line.partition(":")
    rest = rest.strip()
    # "Profile: linkedin.com/in/ada" is a link among the contact lines, not a summary.
    if not colon or " " not in rest or "/" in rest or "@" in rest:
        return None
    return rest if _HEADING_LOOKUP.get(label.strip().lower()) == "summary" else None


def _sections(text: str) -> tuple[list[str], dict[str, list[str]]]:
    header: list[str] = []
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        section = _heading(line)
        if section:
            current = sections.setdefault(section, [])
            continue
        inline = _inline_summary(line)
        if inline is not None:
            # The summary is this line; what follows belongs to the section that was open
            # (the header, when the summary sits among the contact lines).
            sections.setdefault("summary", []).append(inline)
            continue
        if not line:
            if current is not None:
                current.append("")
            continue
        (header if current is None else current).append(line)
    return header, sections


def _name(header: list[str]) -> str | None:
    for line in header[:5]:
        if _EMAIL.search(line) or sum(char.isdigit() for char in line) > 2:
            continue
        words = line.replace(",", " ").split()
        if 2 <= len(words) <= 5 and all(word[:1].isupper() and word.replace("-", "").replace("'", "").replace(".", "").isalpha() for word in words):
            return " ".join(words)
    return None


def _phone(text: str) -> str | None:
    for match in _PHONE.finditer(text):
        candidate = match.group(0).strip()
        digits = sum(char.isdigit() for char in candidate)
        if 7 <= digits <= 15 and not _RANGE.search(candidate) and not re.fullmatch(r"\d{4}\s*[-–]\s*\d{4}", candidate):
            return candidate
    return None


def _normalise_date(value: str) -> str:
    value = value.strip().lower().rstrip(".")
    if value in ("present", "current", "now", "today", "ongoing"):
        return "present"
    if match := re.fullmatch(r"(\d{4})[-/.](\d{1,2})", value):
        return f"{match[1]}-{int(match[2]):02d}"
    if match := re.fullmatch(r"(\d{1,2})[-/.](\d{4})", value):
        return f"{match[2]}-{int(match[1]):02d}"
    if match := re.fullmatch(r"([a-z]+)\.?\s+(\d{4})", value):
        month = _MONTHS.get(match[1][:4]) or _MONTHS.get(match[1][:3])
        return f"{match[2]}-{month:02d}" if month else match[2]
    return value


def _split_title_company(text: str) -> tuple[str | None, str | None]:
    text = text.strip(" ,|()-–—")
    if not text:
        return None, None
    if match := _AT.search(text):
        return text[: match.start()].strip() or None, text[match.end() :].strip(" ,") or None
    parts = [part.strip() for part in _SEPARATORS.split(text) if part.strip()]
    if len(parts) == 1:
        return (parts[0], None) if _TITLE_WORDS.search(parts[0]) else (None, parts[0])
    first, second = parts[0], parts[1]
    if _TITLE_WORDS.search(second) and not _TITLE_WORDS.search(first):
        return second, first
    return first, second


def _experience(lines: list[str]) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    pending: list[str] = []  # lines seen before a date range (a heading on its own line)
    current: dict[str, Any] | None = None
    description: list[str] = []

    def close() -> None:
        if current is not None:
            current["description"] = " ".join(description).strip() or None
            entries.append(current)

    for raw in lines:
        line = _clean(raw)
        if not line:
            continue
        match = _RANGE.search(line)
        if match:
            close()
            description = []
            rest = (line[: match.start()] + " " + line[match.end() :]).strip(" ,|()-–—")
            if len(rest) < 3 and pending:
                rest = " ".join(pending[-2:])
            title, company = _split_title_company(rest)
            current = {
                "company": company,
                "title": title,
                "start_date": _normalise_date(match["start"]),
                "end_date": _normalise_date(match["end"]),
            }
            pending = []
        elif current is not None and not raw.lstrip().startswith(("•", "-", "*", "·", "–")) and _looks_like_heading(line):
            pending.append(line)
        elif current is not None:
            description.append(line)
        else:
            pending.append(line)
    close()
    return entries


def _looks_like_heading(line: str) -> bool:
    """A short line without sentence punctuation that names a role: the next position's heading."""
    return len(line) <= 80 and not line.endswith(".") and bool(_TITLE_WORDS.search(line))


def _education(lines: list[str]) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for raw in lines:
        line = _clean(raw)
        if not line:
            continue
        degree_match = _DEGREE.search(line)
        has_institution = bool(_INSTITUTION.search(line))
        if not degree_match and not has_institution:
            continue
        parts = [part.strip() for part in _EDUCATION_SEPARATORS.split(line) if part.strip()]
        institution = next((part for part in parts if _INSTITUTION.search(part)), None)
        degree = field = None
        if degree_match:
            degree_part = next((part for part in parts if _DEGREE.search(part)), degree_match.group(0))
            split = _IN.split(degree_part, maxsplit=1)
            degree = split[0].strip()
            if len(split) == 2:
                field = split[1].strip()
            else:
                after = degree_part[degree_part.lower().find(degree_match.group(0).lower()) + len(degree_match.group(0)) :].strip()
                field = after or None
        years = _YEAR.findall(line)
        entry = {"institution": institution, "degree": degree, "field": _strip_years(field), "end_date": years[-1] if years else None}
        if entries and not degree and institution and not entries[-1]["institution"]:
            entries[-1]["institution"] = institution
            entries[-1]["end_date"] = entries[-1]["end_date"] or entry["end_date"]
            continue
        entries.append(entry)
    return entries


def _strip_years(value: str | None) -> str | None:
    if not value:
        return None
    value = _YEAR.sub("", value).strip(" ,()-–—")
    return value or None


def _skills(section: list[str], text: str) -> list[str]:
    found: list[str] = []
    for line in section:
        line = _clean(line)
        if ":" in line and len(line.split(":", 1)[0]) <= 30:  # "Languages: Python, Go"
            line = line.split(":", 1)[1]
        for item in _SPLIT_SKILLS.split(line):
            item = item.strip(" .()")
            if 0 < len(item) <= 40 and len(item.split()) <= 4:
                found.append(canonical_skill(item))
    for name in known_skills():
        if name in _AMBIGUOUS_SKILLS:
            continue
        flags = 0 if len(name) <= 3 else re.IGNORECASE
        if re.search(rf"(?<![\w+#.]){re.escape(name)}(?![\w+#])", text, flags):
            found.append(name)
    return found


def _years(text: str, experience: list[dict[str, Any]]) -> int | None:
    if match := _YEARS_STATED.search(text):
        return int(match[1])
    starts, ends = [], []
    today = date.today()
    for entry in experience:
        start, end = entry.get("start_date") or "", entry.get("end_date") or ""
        if start[:4].isdigit():
            starts.append(int(start[:4]) + (int(start[5:7]) - 1) / 12 if len(start) >= 7 else int(start[:4]))
        if end == "present":
            ends.append(today.year + (today.month - 1) / 12)
        elif end[:4].isdigit():
            ends.append(int(end[:4]) + (int(end[5:7]) - 1) / 12 if len(end) >= 7 else int(end[:4]))
    if not starts or not ends:
        return None
    return max(0, int(max(ends) - min(starts)))


def parse_heuristically(text: str) -> dict[str, Any]:
    header, sections = _sections(text)
    email = _EMAIL.search(text)
    summary_lines = [line for line in sections.get("summary", []) if line]
    experience = _experience(sections.get("experience", []))
    return {
        "name": _name(header),
        "email": email.group(0) if email else None,
        "phone": _phone("\n".join(header) or text),
        "summary": " ".join(summary_lines) or None,
        "skills": _skills(sections.get("skills", []), text),
        "experience": experience,
        "education": _education(sections.get("education", [])),
        "years_of_experience": _years(" ".join(summary_lines) or text, experience),
    }
