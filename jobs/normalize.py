"""Turning what job boards and users write into careerhub's canonical job fields.

Scrapers and the pasted-job parser share these: HTML to safe text, salaries, work mode and
employment type in the canonical vocabulary (careerhub.vocabulary), eligible regions and visa
sponsorship read from the text, skill tags through the one alias table (careerhub.skills),
and the key that recognises one posting seen on two boards.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from careerhub.skills import (
    MAX_SKILL_LENGTH,
    canonical_skill,
    dedupe_skills,
    known_skills,
)
from careerhub.text import (  # noqa: F401 - re-exported: the sources read them from here
    MAX_DESCRIPTION_LENGTH,
    clean_line,
    clean_text,
    html_to_text,
    parse_when,
)
from careerhub.vocabulary import EmploymentType, WorkMode
from jobs.eligibility import gazetteer, reader

# Salaries outside this range (per year, in dollars or a currency of about their size) are
# treated as unknown, not as data. A currency with many units to the dollar scales the range.
MIN_PLAUSIBLE_SALARY = 1_000
MAX_PLAUSIBLE_SALARY = 2_000_000
# The jobs table's salary columns are PositiveIntegerField: nothing larger can be stored.
MAX_STORED_SALARY = 2_147_483_647
MAX_TAGS = 30

# --- Salary ------------------------------------------------------------------------------------

_CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "円": "JPY", "₹": "INR", "₩": "KRW"}
_CURRENCY_CODES = (
    "USD", "EUR", "GBP", "CAD", "AUD", "CHF", "SEK", "NOK", "DKK", "PLN", "INR", "JPY", "NZD", "SGD", "BRL", "MXN",
    "KRW", "CZK", "HUF", "ZAR", "IDR", "AED", "ILS", "HKD", "CNY", "TWD", "THB", "COP", "CLP", "ARS",
)  # fmt: skip  (not PHP or TRY: in a posting those are far more often a language and a word)
# Roughly how many units of a currency make a dollar, for the currencies where that is 3 or more:
# only the order of magnitude matters (it widens the plausible range), so these are not rates to
# convert with and need no updating. Currencies not listed use the dollar's range.
_UNITS_PER_DOLLAR = {
    "PLN": 4, "AED": 4, "ILS": 4, "BRL": 5, "CNY": 7, "DKK": 7, "HKD": 8, "SEK": 10, "NOK": 11, "ZAR": 18,
    "MXN": 18, "CZK": 23, "TWD": 32, "THB": 35, "TRY": 35, "UAH": 41, "EGP": 49, "PHP": 57, "INR": 85, "RUB": 90,
    "BDT": 120, "KES": 130, "ISK": 140, "JPY": 150, "PKR": 280, "LKR": 300, "HUF": 360, "KZT": 500, "CLP": 950,
    "ARS": 1_000, "KRW": 1_400, "NGN": 1_500, "COP": 4_000, "IDR": 16_000, "VND": 25_000,
}  # fmt: skip
# An amount starts where a digit run starts ((?<![\d.,])) and is at most a dozen digits long,
# so scanning a long run of digits is linear, not quadratic (a 10,000-digit paste took seconds).
# Its digits are grouped in thousands ("120,000", "120.000", "120 000"), in the Indian way
# ("45,00,000") or not at all; a unit may follow: k, lakh (and LPA, lakh per annum), crore or 万
# (ten thousand: "年収800万〜1,100万円").
_AMOUNT = (
    r"(?:[$€£¥₹₩]\s?)?(?<![\d.,])"
    r"(?:\d{1,2}(?:,\d{2}){1,3},\d{3}|\d{1,3}(?:[,.\s]\d{3}){1,3}|\d{1,9})(?!\d)(?:\.\d{1,2})?(?![\d.,]\d)"
    r"(?:\s?(?i:k|lakhs?|lacs?|lpa|crores?|cr)(?![a-zA-Z])|万)?"
)
# "800万円〜1,100万円": the yen sign may stand between the low amount and the dash.
_SALARY_RANGE = re.compile(rf"(?P<low>{_AMOUNT})\s*円?\s*(?:-|–|—|to|〜|～|~)\s*(?P<high>{_AMOUNT})")
_SALARY_SINGLE = re.compile(rf"(?:salary|compensation|pay|base)[^\n\d$€£¥₹₩]{{0,30}}(?P<low>{_AMOUNT})", re.IGNORECASE)
_CODE = re.compile(r"\b(" + "|".join(_CURRENCY_CODES) + r")\b")
_HOURLY = re.compile(r"(per\s+hour|/\s?h(?:ou)?r\b|hourly|an hour|時給)", re.IGNORECASE)
# A salary stated per month ("17 000–22 000 PLN brutto miesięcznie", "月給40万円") is twelve of them a
# year. The nearest words that name a period decide: first those after the amounts, else those before
# ("年収800万円", "Monthly fee 90万円"), so "per month, annual bonus" is monthly.
_PERIOD = re.compile(
    r"(?P<month>per\s+month|a\s+month|/\s?(?:month|mo|mth)\b|\bmonthly\b|miesi[eę]cznie|\bmonatlich|pro\s+monat"
    r"|par\s+mois|\bmensuel|al\s+mes\b|\bmensual|月給|月額|/月)"
    r"|(?P<year>per\s+(?:year|annum)|a\s+year|/\s?(?:year|yr)\b|\byearly\b|\bannual|p\.\s?a\.|\brocznie|\bjährlich|年収|年俸)",
    re.IGNORECASE,
)
_UNIT = re.compile(r"\s?(k|lakhs?|lacs?|lpa|crores?|cr|万)$", re.IGNORECASE)
_UNIT_FACTORS = {
    "k": 1_000, "lakh": 100_000, "lac": 100_000, "lpa": 100_000, "crore": 10_000_000, "cr": 10_000_000, "万": 10_000,
}  # fmt: skip
# Lakh and crore are how salaries are written in India (and nearby); no other currency uses them.
_INDIAN_UNITS = ("lakh", "lac", "lpa", "crore", "cr")


def _unit(amount_text: str) -> str:
    """The unit an amount is written in ("k", "lakh", ...; "" for none), plural and case folded."""
    match = _UNIT.search(amount_text.strip())
    return match.group(1).lower().rstrip("s") if match else ""


def _amount(text: str) -> int | None:
    raw = text.strip()
    unit = _unit(raw)
    digits = re.sub(r"[^\d.,\s]", "", _UNIT.sub("", raw)).strip()
    # "120,000" / "120.000" / "120 000" / "45,00,000" are separators; "1.5" (with a unit) is a decimal.
    if re.fullmatch(r"\d{1,3}(?:[,.\s]\d{3})+|\d{1,2}(?:,\d{2}){1,3},\d{3}", digits):
        digits = re.sub(r"[,.\s]", "", digits)
    digits = digits.replace(",", "").replace(" ", "")
    try:
        value = float(digits)
    except ValueError:
        return None
    return int(round(value * _UNIT_FACTORS.get(unit, 1)))


def to_salary(value: Any) -> int | None:
    """A whole number from a number or a numeric string ("120000", "120k", "$120,000"); 0 means unknown."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = value
    elif isinstance(value, str):
        match = re.search(_AMOUNT, value)
        number = _amount(match.group(0)) if match else None
    else:
        return None
    # JSON's 1e999 is inf and a monthly 1e308 x 12 is too: int() of either raises, of NaN too.
    # (Only floats are checked: isfinite() of an int past 1e308 would itself overflow.)
    if number is None or (isinstance(number, float) and not math.isfinite(number)):
        return None
    number = int(number)
    return number if number > 0 else None


def plausible_salary_bounds(currency: str | None) -> tuple[int, int]:
    """The (lowest, highest) yearly salary believed in `currency` ("" when not known: the dollar's)."""
    units = _UNITS_PER_DOLLAR.get((currency or "").upper(), 1)
    return MIN_PLAUSIBLE_SALARY * units, min(MAX_PLAUSIBLE_SALARY * units, MAX_STORED_SALARY)


def sane_salary_range(low: Any, high: Any, currency: str | None = "") -> tuple[int | None, int | None]:
    """(min, max) per year in `currency` with implausible values dropped and a reversed range put right."""
    low, high = to_salary(low), to_salary(high)
    least, most = plausible_salary_bounds(currency)
    low = low if low is not None and least <= low <= most else None
    high = high if high is not None and least <= high <= most else None
    if low is not None and high is not None and low > high:
        low, high = high, low
    return low, high


def currency_from_text(text: str, default: str = "") -> str:
    match = _CODE.search(text or "")
    if match:
        return match.group(1)
    for symbol, code in _CURRENCY_SYMBOLS.items():
        if symbol in (text or ""):
            return code
    return default


def salary_from_text(text: str) -> tuple[int | None, int | None, str]:
    """The first plausible yearly salary range written in `text`: ("$120,000 - $160,000 USD", "€50k–70k",
    "45 to 60 lakh per annum")."""
    for match in _SALARY_RANGE.finditer(text or ""):
        low_text, high_text = match.group("low"), match.group("high")
        window = text[max(0, match.start() - 40) : match.end() + 40]
        if _HOURLY.search(window):
            continue
        has_money_marker = any(sym in match.group(0) for sym in _CURRENCY_SYMBOLS) or bool(_CODE.search(window))
        low_unit, high_unit = _unit(low_text), _unit(high_text)
        if not (has_money_marker or high_unit or low_unit or re.search(r"salary|compensation|pay", window, re.IGNORECASE)):
            continue
        if high_unit and not low_unit:
            low_text = f"{low_text.strip()} {high_unit}"  # "$120-160k", "45 to 60 lakh"
        currency = _currency_of(window, match.group(0), low_unit or high_unit)
        per_year = _months(text[max(0, match.start() - 40) : match.start()], text[match.end() : match.end() + 40])
        low, high = sane_salary_range(_times(_amount(low_text), per_year), _times(_amount(high_text), per_year), currency)
        if low is not None or high is not None:
            return low, high, currency
    single = _SALARY_SINGLE.search(text or "")
    if single and not _HOURLY.search(text[single.start() : single.end() + 30]):
        window = text[single.start() : single.end() + 30]
        currency = _currency_of(window, window, _unit(single.group("low")))
        months = _months(text[max(0, single.start() - 40) : single.start("low")], text[single.end() : single.end() + 30])
        low, _ = sane_salary_range(_times(_amount(single.group("low")), months), None, currency)
        if low is not None:
            return low, None, currency
    return None, None, ""


def _months(before: str, after: str) -> int:
    """How many of the amounts between these texts make a year: 12 for a monthly salary, else 1."""
    period = _PERIOD.search(after) or next(reversed(list(_PERIOD.finditer(before))), None)
    return 12 if period is not None and period.lastgroup == "month" else 1


def _times(amount: int | None, factor: int) -> int | None:
    return amount * factor if amount is not None else None


def _currency_of(window: str, amounts: str, unit: str) -> str:
    """The currency written near a salary; a bare "$" is taken as dollars and lakh or crore as rupees."""
    default = "INR" if unit in _INDIAN_UNITS else "USD" if "$" in amounts else ""
    return currency_from_text(window, default)


# --- Work mode and employment type ----------------------------------------------------------

_HYBRID = re.compile(r"\bhybrid\b", re.IGNORECASE)
_ONSITE = re.compile(r"\b(on-?site|in[- ]office|office[- ]based|in[- ]person)\b", re.IGNORECASE)
_REMOTE = re.compile(r"\b(remote|work from home|wfh|distributed|anywhere)\b", re.IGNORECASE)


def work_mode_from_text(*texts: str | None) -> str | None:
    """Canonical work mode written in any of the texts (most specific first)."""
    text = " ".join(t for t in texts if t)
    if _HYBRID.search(text):
        return WorkMode.HYBRID
    if _REMOTE.search(text):
        return WorkMode.REMOTE
    if _ONSITE.search(text):
        return WorkMode.ONSITE
    return None


_WORK_MODE_WORDS = {
    "remote": WorkMode.REMOTE, "fully remote": WorkMode.REMOTE, "full": WorkMode.REMOTE,
    "hybrid": WorkMode.HYBRID,
    "onsite": WorkMode.ONSITE, "on-site": WorkMode.ONSITE, "on site": WorkMode.ONSITE, "in-office": WorkMode.ONSITE,
}


def work_mode_from_label(label: str | None) -> str | None:
    """A board's own label (Lever's workplaceType "on-site", "unspecified"); None for anything but a string."""
    if not isinstance(label, str):
        return None
    return _WORK_MODE_WORDS.get(label.strip().lower())


_EMPLOYMENT_PATTERNS = [
    (EmploymentType.INTERNSHIP, re.compile(r"\bintern(ship)?\b", re.IGNORECASE)),
    (EmploymentType.FREELANCE, re.compile(r"\bfreelance(r)?\b", re.IGNORECASE)),
    (EmploymentType.CONTRACT, re.compile(r"\b(contract(or)?|contract-to-hire|c2h)\b", re.IGNORECASE)),
    (EmploymentType.TEMPORARY, re.compile(r"\b(temporary|temp|fixed[- ]term)\b", re.IGNORECASE)),
    (EmploymentType.PART_TIME, re.compile(r"\bpart[- ]?time\b", re.IGNORECASE)),
    (EmploymentType.FULL_TIME, re.compile(r"\b(full[- ]?time|permanent)\b", re.IGNORECASE)),
]


def employment_type_from_text(*texts: str | None) -> str | None:
    """Canonical employment type named in the texts; the first text that names one wins."""
    for text in texts:
        if not text:
            continue
        for value, pattern in _EMPLOYMENT_PATTERNS:
            if pattern.search(text):
                return value
    return None


# --- Eligibility -----------------------------------------------------------------------------

def _region_label(entry: gazetteer.Entry) -> str:
    """The label a board-style region list uses: "US", "UK", "EU", "Worldwide", or a country's name."""
    if entry.kind == "region":
        return gazetteer.gazetteer().region_labels[entry.code]
    country = entry.country
    return {"US": "US", "GB": "UK", "CA": "Canada"}.get(country, gazetteer.gazetteer().country_names.get(country, country))


def regions_from_text(*texts: str | None) -> list[str]:
    """Regions a candidate may apply from, as written in location/region text ("USA Only", "Anywhere in the World").

    Read through the one gazetteer (jobs.eligibility): "Remote (US only)" → ["US"], "Toronto, ON" →
    ["Canada"], "EU/EEA" → ["EU", "EEA"]; "Worldwide" next to a restriction is the restriction.
    """
    found: list[str] = []
    for text in texts:
        for entry in gazetteer.find_places(text or "", prose=False).entries:
            label = _region_label(entry)
            if label not in found:
                found.append(label)
    if len(found) > 1 and "Worldwide" in found:
        found.remove("Worldwide")
    return found


def visa_sponsorship_from_text(*texts: str | None) -> int | None:
    """1 when the text offers visa sponsorship, 0 when it rules it out, None when it does not say (jobs.eligibility.reader)."""
    said = reader.visa_from_sentences(reader.sentences("\n".join(t for t in texts if t)))
    return {reader.YES: 1, reader.NO: 0}.get(said)


# --- Skills ----------------------------------------------------------------------------------

# Spellings that are ordinary English words too ("go", "rest", "next"): in free text they only
# count when written as the skill usually is.
_CASE_SENSITIVE_SPELLINGS = {"AI": "AI", "ML": "Machine Learning", "UI": "UI", "UX": "UX", "REST": "REST", "SRE": "SRE", "SEO": "SEO", "Go": "Go", "CI/CD": "CI/CD"}
_AMBIGUOUS = {"go", "ai", "ml", "ui", "ux", "rest", "sre", "seo", "ci", "ts", "py", "pg", "js", "next", "node", "kube", "spring", "shell", "elastic", "agile", "spark", "swift", "rails", "ruby", "scala", "java"}


def _skill_pattern() -> re.Pattern:
    from careerhub import skills

    spellings = {alias for alias in skills.known_spellings() if alias not in _AMBIGUOUS}
    spellings |= {name.casefold() for name in known_skills() if name.casefold() not in _AMBIGUOUS}
    spellings |= {"java", "ruby", "scala", "swift", "spark", "spring boot", "ruby on rails", "apache spark"}
    ordered = sorted(spellings, key=len, reverse=True)
    return re.compile(r"(?<![\w.+#/-])(" + "|".join(re.escape(s) for s in ordered) + r")(?![\w+#]|\.\w)", re.IGNORECASE)


_SKILL_RE = _skill_pattern()
_CASE_SENSITIVE_RE = re.compile(r"(?<![\w.+#/-])(" + "|".join(re.escape(s) for s in _CASE_SENSITIVE_SPELLINGS) + r")(?![\w+#]|\.\w)")


def skills_from_text(text: str | None, limit: int = MAX_TAGS) -> list[str]:
    """Known skills mentioned in free text, in order of first mention, canonical names."""
    if not text:
        return []
    hits: list[tuple[int, str]] = [(m.start(), m.group(1)) for m in _SKILL_RE.finditer(text)]
    hits += [(m.start(), _CASE_SENSITIVE_SPELLINGS[m.group(1)]) for m in _CASE_SENSITIVE_RE.finditer(text)]
    return dedupe_skills(name for _, name in sorted(hits))[:limit]


def clean_tags(values: Any, limit: int = MAX_TAGS) -> list[str]:
    """A board's tag list as canonical skill names: strings only, trimmed, bounded, no duplicates."""
    if not isinstance(values, (list, tuple)):
        return []
    names = [clean_line(str(v), MAX_SKILL_LENGTH) for v in values if isinstance(v, (str, int, float)) and not isinstance(v, bool)]
    return dedupe_skills(canonical_skill(n) for n in names if n)[:limit]


# --- De-duplication across boards ------------------------------------------------------------

_COMPANY_SUFFIXES = re.compile(r"\b(inc|llc|ltd|limited|gmbh|corp|corporation|co|plc|sa|ag|bv|oy|ab|srl|sas|pty)\b\.?", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w]+")


def _normalise_words(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def company_key(company: str) -> str:
    """Equal for every spelling of one company: "Acme", "ACME Inc.", "Acme, Inc" → "acme"."""
    return _normalise_words(_COMPANY_SUFFIXES.sub(" ", company or ""))


def dedupe_key(company: str, title: str) -> str:
    """Equal for the same posting on two boards: "Acme, Inc." + "Senior Engineer (Remote)" ~ "ACME" + "Senior Engineer"."""
    company_key_ = company_key(company)
    title_key = _normalise_words(re.sub(r"\((remote|hybrid|on-?site)[^)]*\)", " ", title or "", flags=re.IGNORECASE))
    if not company_key_ or not title_key:
        return ""
    return f"{company_key_}|{title_key}"[:400]


def repost_key(company: str, title: str, location: str) -> str:
    """Equal for the same posting listed again: the de-duplication key and the place, normalised
    ("Remote - US" ~ "remote (US)"); empty when company or title is missing."""
    key = dedupe_key(company, title)
    if not key:
        return ""
    return f"{key}|{_normalise_words(location)}"[:500]
