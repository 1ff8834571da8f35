"""Who a posting is for, read from its title, location, description and structured fields.

`read_posting` is a pure function (no queries, no I/O after the data files load once) returning a
`Reading`: countries, regions, cities, work mode, visa sponsorship, citizenship or clearance,
time-zone windows, employment types, seniority and years asked, role family, travel — each value
with where it was read:

    structured   a field the board or the user filled in (remote_type, job_type, eligible_regions,
                 visa_sponsorship), or the title for seniority and role family
    llm          a value the LLM extraction returned (it fills what structured fields leave empty)
    location     the posting's location line ("Remote (US only)", "Toronto, ON, Canada")
    description  a sentence of the text ("Candidates must be based in the EU/EEA")

Precedence per value: structured, then llm, then location (and title), then description — except
that a sentence saying where the candidate must be ("Applicants must be based in Canada") comes
first for places. The
rules, each with its phrasings in the unit tests (jobs/tests/test_eligibility_reader.py):

places      Everything the location names restricts where the job hires; the description only
            through a sentence that says who may apply ("must be based in", "authorized to work
            in", "open to candidates in", "we hire in", "remote within", "US only", "citizens").
            Places after "except"/"excluding"/"cannot hire in" are left out. "Worldwide",
            "anywhere" count only when no other place is named alongside.
visa        `no` when any sentence rules sponsorship out ("we cannot sponsor visas now or in the
            future", "no visa sponsorship", "must have the right to work in the UK", "applicants
            requiring sponsorship will not be considered"); else `yes` when one offers it ("visa
            sponsorship available", "we sponsor work permits", "relocation and visa support";
            "we sponsor hackathons" is not a visa); else `unknown`.
clearance   a security clearance ("active Secret clearance", "TS/SCI", "SC cleared") or a
            citizenship ("US citizens only", "must be a U.S. person") asked for, unless the
            sentence says it is not ("no clearance required"); "customs clearance" is not one.
            `active` when it must be held already ("must hold an active ...", "DV clearance
            required"), not when it can be obtained ("ability to obtain", "we sponsor the process").
            A sentence that says the candidate must be based in / authorized to work in a place
            overrides the location line.
time zones  "within ±3 hours of CET", "UTC-5 to UTC+1", "overlap with US Eastern hours" as a
            window of UTC offsets.
type        the title ("(Contract)", "Intern"), else the text ("6-month contract", "contract-to-hire",
            "fixed-term", "full-time"); "contract negotiations" is not a contract job.
seniority   the title's level (roles.title_level), else the family's ("Engineering Manager"),
            else the years asked, as a level.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from jobs.eligibility import gazetteer, roles
from jobs.eligibility.gazetteer import WORLDWIDE, Entry

STRUCTURED, LLM, LOCATION, DESCRIPTION = "structured", "llm", "location", "description"
SOURCES = (STRUCTURED, LLM, LOCATION, DESCRIPTION)
YES, NO, UNKNOWN = "yes", "no", "unknown"
WORK_MODES = ("remote", "hybrid", "onsite")
EMPLOYMENT_TYPES = ("full_time", "part_time", "contract", "internship", "freelance", "temporary")
MAX_TEXT = 20_000  # a description longer than this is read up to here (the rules look for sentences, not essays)


@dataclass(frozen=True)
class Value:
    value: Any
    source: str

    def as_json(self) -> dict[str, Any]:
        return {"value": self.value, "source": self.source}


@dataclass
class Reading:
    countries: list[Value] = field(default_factory=list)
    regions: list[Value] = field(default_factory=list)
    # States and provinces named as places to work ("Remote - CA, OR or WA only"): "US-CA" codes.
    states: list[Value] = field(default_factory=list)
    cities: list[Value] = field(default_factory=list)
    work_mode: Value | None = None
    visa_sponsorship: Value = field(default_factory=lambda: Value(UNKNOWN, ""))
    citizenship_or_clearance_required: Value | None = None
    timezones: list[Value] = field(default_factory=list)
    employment_types: list[Value] = field(default_factory=list)
    seniority: Value | None = None  # {"level": int, "name": str}
    required_years: Value | None = None
    role_family: Value | None = None  # {"family": str, "specialism": str}
    travel: Value | None = None

    @property
    def worldwide(self) -> bool:
        return any(value.value == WORLDWIDE for value in self.regions)

    def places(self) -> list[str]:
        """The codes the job hires in (countries, regions, then states: "US-CA"); ["WORLDWIDE"] for anywhere; [] when not said."""
        return [value.value for value in (*self.countries, *self.regions, *self.states)]

    def as_json(self) -> dict[str, Any]:
        def many(values: list[Value]) -> list[dict[str, Any]]:
            return [value.as_json() for value in values]

        def one(value: Value | None) -> dict[str, Any] | None:
            return value.as_json() if value is not None else None

        return {
            "countries": many(self.countries),
            "regions": many(self.regions),
            "states": many(self.states),
            "cities": many(self.cities),
            "work_mode": one(self.work_mode),
            "visa_sponsorship": {"value": self.visa_sponsorship.value, "source": self.visa_sponsorship.source or None},
            "citizenship_or_clearance_required": one(self.citizenship_or_clearance_required),
            "timezones": many(self.timezones),
            "employment_types": many(self.employment_types),
            "seniority": one(self.seniority),
            "required_years": one(self.required_years),
            "role_family": one(self.role_family),
            "travel": one(self.travel),
        }


# --- Sentences -----------------------------------------------------------------------------------

_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9(\"'•*-])|\n+|\s[•·]\s")


def sentences(text: str) -> list[str]:
    return [part.strip(" -*•\t") for part in _SENTENCE.split(text or "") if part.strip(" -*•\t")]


# --- Places --------------------------------------------------------------------------------------

_WHO_MAY_APPLY = re.compile(
    r"\b(?:based|located|living|residing|reside|resident|residents|live|sit)\s+(?:in|within|inside|anywhere\s+in)\b"
    r"|\b(?:authori[sz]ed|eligible|entitled|permitted|right|able|legally\s+able)\s+to\s+work\s+(?:in|from|within|for)\b"
    r"|\bwork\s+(?:permit|authori[sz]ation|visa|rights?)\s+(?:for|in)\b"
    r"|\b(?:open|available|restricted|limited)\s+(?:only\s+)?to\s+(?:candidates|applicants|people|residents|those|anyone|individuals|talent)\b"
    r"|\b(?:restricted|limited)\s+to\b"
    r"|\b(?:hire|hires|hiring|recruit|recruiting|employ|employing|accept|accepting|considering|consider|considered|welcome|welcoming)\s+"
    r"(?:candidates\s+|applicants\s+|people\s+|talent\s+|employees\s+|engineers\s+|team\s+members\s+)?(?:only\s+)?(?:in|from|within|across|based)\b"
    r"|\bremote\s*(?:\(|-|–|—|,)?\s*(?:within|in|from|across)\b"
    r"|\banywhere\s+in\b|\bwithin\s+(?:the\s+)?[A-Z]"
    r"|\b(?:only|exclusively)\b|\bcitizens?\b|\bcitizenship\b|\bnationals?\b|\blocation\s*:",
    re.IGNORECASE,
)
_EXCLUDING = re.compile(
    r"\b(?:except(?:\s+for)?|excluding|excludes|other\s+than|with\s+the\s+exception\s+of|not\s+in"
    r"|(?:cannot|can[’']t|can\s+not|unable\s+to|not\s+able\s+to|don[’']t|do\s+not|not\s+currently)\s+(?:hire|employ|accept|consider)\w*\s+(?:\w+\s+){0,3}?(?:in|from))\b",
    re.IGNORECASE,
)
_WORLDWIDE_PROSE = re.compile(
    r"\b(?:from\s+anywhere|anywhere\s+in\s+the\s+world|work\s+from\s+anywhere|(?:hire|hiring|work|working)\s+(?:globally|worldwide|anywhere)"
    r"|regardless\s+of\s+(?:your\s+)?(?:location|where\s+you\s+live)|any\s+country|all\s+countries|location[- ]independent"
    r"|(?:across|around)\s+the\s+(?:world|globe)|world[- ]?wide)\b",
    re.IGNORECASE,
)
_TIMEZONE_CUE = re.compile(r"\btime\s?zones?\b|\bhours\s+of\b|\boverlap\b|\bUTC|\bGMT", re.IGNORECASE)


def _places_from(found: gazetteer.Found, *, excluded_from: int | None) -> list[Entry]:
    return [entry for entry, (start, _) in zip(found.entries, found.spans, strict=True) if excluded_from is None or start < excluded_from]


def _exclusion_word_index(sentence: str) -> int | None:
    match = _EXCLUDING.search(sentence)
    if match is None:
        return None
    return len(gazetteer.tokens(sentence[: match.end()]))


def _add_place(reading: Reading, entry: Entry, source: str) -> None:
    if entry.kind == "region":
        if entry.code not in {value.value for value in reading.regions}:
            reading.regions.append(Value(entry.code, source))
        return
    country = entry.country or ""
    if country and country not in {value.value for value in reading.countries}:
        reading.countries.append(Value(country, source))
    if entry.kind == "subdivision" and entry.code not in {value.value for value in reading.states}:
        reading.states.append(Value(entry.code, source))
    if entry.kind == "city" and entry.name not in {value.value for value in reading.cities}:
        reading.cities.append(Value(entry.name, source))


# "Springfield, IL", "Bendigo VIC": the words before a state or province name a city even when the
# gazetteer does not know it (a posting's location line names the city it is worked in).
_CITY_BEFORE_STATE = re.compile(r"(?P<city>[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,2})\s*,?\s+(?P<state>[A-Z]{2,3})\b")


def _unknown_city(location: str, found: gazetteer.Found) -> Entry | None:
    if any(entry.kind == "city" for entry in found.entries):
        return None
    states = {entry.name: entry for entry in found.entries if entry.kind == "subdivision"}
    for match in _CITY_BEFORE_STATE.finditer(location):
        state = next((e for e in found.entries if e.kind == "subdivision" and e.code.endswith("-" + match.group("state"))), None)
        city = match.group("city").strip()
        known = gazetteer.find_places(city, prose=False).entries
        if state is not None and city.lower() not in _NOT_CITIES and not city.isupper() and not known and city not in states:
            return Entry("city", state.code, city.title())
    return None


_NOT_CITIES = {"remote", "hybrid", "onsite", "on-site", "us", "usa", "united states", "anywhere", "office", "hq"}


def _read_location(reading: Reading, location: str) -> None:
    found = gazetteer.find_places(location, prose=False)
    entries = list(found.entries)
    if len(entries) > 1:
        # "Remote, anywhere in the US": a restriction next to "anywhere" is the restriction
        entries = [entry for entry in entries if entry.code != WORLDWIDE]
    city = _unknown_city(location, found)
    if city is not None:
        entries.append(city)
    for entry in entries:
        _add_place(reading, entry, LOCATION)


_ABOUT_CANDIDATE = re.compile(
    r"\b(?:you|your|candidates?|applicants?|must|should|need|needs|required|requires|only|eligible|open\s+to|hire|hiring|hires|recruit\w*"
    r"|authori[sz]ed|restricted|limited|citizens?|considered|accept\w*|welcome|employ\w*|team\s+members|remote)\b",
    re.IGNORECASE,
)


_STRONG_RESTRICTION = re.compile(
    r"\b(?:must|need\s+to|needs\s+to|have\s+to|required\s+to)\s+(?:be\s+)?(?:based|located|living|reside|residing|live|resident)\b"
    r"|\bonly\s+(?:open\s+to|hire|hiring|considering|consider|accept|accepting)\b|\bopen\s+only\s+to\b"
    r"|\bmust\s+be\s+(?:legally\s+)?(?:authori[sz]ed|eligible|entitled)\s+to\s+work\s+in\b",
    re.IGNORECASE,
)


# The phrase that says where the candidate must be. The places after it, up to the end of its clause,
# are the restriction: "listed as remote across APAC, but candidates must be based in Manila" hires
# in Manila; "open to candidates anywhere in India, and we overlap with our London office" in India.
_PLACE_CUE = re.compile(
    r"\b(?:based|located|living|residing|reside|resident|live)\s+(?:in|within|inside|anywhere\s+in)\b"
    r"|\b(?:open|available|restricted|limited)\s+(?:only\s+)?to\s+(?:candidates|applicants|people|residents|anyone|those)\s+(?:\w+\s+){0,2}?(?:in|within|from)\b"
    r"|\b(?:authori[sz]ed|eligible|entitled|permitted|right)\s+to\s+work\s+(?:in|from|within)\b|\banywhere\s+in\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(
    r",\s*(?:and|but|while|as|so)\s+(?:we|our|the|you|your|it|its|they|a|an)\b|;|\s(?:but|while|whereas|although)\s", re.IGNORECASE
)
_PLACE_VERBS = re.compile(r"\b(?:based|located|reside|residing|live|authori[sz]ed|eligible)\b", re.IGNORECASE)


def _cued_fragment(sentence: str) -> str | None:
    """The part of a sentence from its place cue to the end of that clause; None without a cue."""
    cue = _PLACE_CUE.search(sentence)
    if cue is None:
        return None
    end = _CLAUSE_END.search(sentence, cue.end())
    return sentence[cue.start() : end.start() if end else len(sentence)]


def _prose_entries(text: str) -> list[Entry]:
    found = gazetteer.find_places(text, prose=True)
    return [e for e in _places_from(found, excluded_from=_exclusion_word_index(text)) if e.code != WORLDWIDE]


def _read_places_in_prose(reading: Reading, text_sentences: list[str], *, worldwide_allowed: bool = True) -> None:
    worldwide_said = False
    for sentence in text_sentences:
        # "We're based in Berlin, with offices in London" describes the company, not who may apply
        if not _WHO_MAY_APPLY.search(sentence) or not _ABOUT_CANDIDATE.search(sentence):
            if _WORLDWIDE_PROSE.search(sentence):
                worldwide_said = True
            continue
        fragment = _cued_fragment(sentence)
        # "overlap with US time zones" is about hours, not where they live — unless the sentence also says that
        if _TIMEZONE_CUE.search(sentence) and not _PLACE_VERBS.search(sentence) and fragment is None:
            continue
        entries = _prose_entries(fragment) if fragment else []
        if not entries and not _TIMEZONE_CUE.search(sentence):
            entries = _prose_entries(sentence)
        if not entries:
            if _WORLDWIDE_PROSE.search(sentence):
                worldwide_said = True
            continue
        for entry in entries:
            _add_place(reading, entry, DESCRIPTION)
    if worldwide_allowed and worldwide_said and not reading.countries and not reading.regions:
        reading.regions.append(Value(WORLDWIDE, DESCRIPTION))


def _read_structured_places(reading: Reading, eligible_regions: Iterable[str], source: str) -> None:
    for name in eligible_regions or ():
        if not isinstance(name, str):
            continue
        for code in sorted(gazetteer.resolve(name)):
            if gazetteer.is_region(code):
                if code not in {v.value for v in reading.regions}:
                    reading.regions.append(Value(code, source))
            elif code not in {v.value for v in reading.countries}:
                reading.countries.append(Value(code, source))


# --- Visa sponsorship ----------------------------------------------------------------------------

_NEG = r"(?:cannot|can\s?not|can[’']t|unable\s+to|not\s+able\s+to|won[’']t|will\s+not|do\s+not|don[’']t|does\s+not|doesn[’']t|are\s+not|is\s+not|not\s+in\s+a\s+position\s+to|no\s+longer)"
_VISA_WORD = r"(?:visas?|sponsor\w*|work\s+permits?|h-?1b|immigration|work\s+authori[sz]ation|blue\s+cards?|relocation)"
_VISA_NO = re.compile(
    r"\b(?:no|without)\s+(?:the\s+need\s+for\s+)?(?:visa\s+|work\s+permit\s+|immigration\s+|employer\s+)?sponsorship\b"
    r"|\bsponsorship\s+(?:is\s+|will\s+)?(?:not|un)\s?(?:be\s+)?(?:available|offered|provided|possible|supported)"
    rf"|\b{_NEG}\s+(?:currently\s+|presently\s+|at\s+this\s+time\s+|yet\s+|ever\s+)?(?:offer|provide|support|sponsor|assist\s+with|help\s+with)\w*\b(?:[^.;]{{0,50}}?\b{_VISA_WORD}|\s*[.;]|\s*$|\s+(?:now|for|at|any|in)\b)"
    r"|\bno\s+(?:visa|relocation\s+or\s+visa|visa\s+or\s+relocation|immigration)\s+(?:support|assistance|help)"
    r"|\bmust\s+(?:already\s+)?(?:have|hold|possess)\s+(?:the\s+|a\s+|an\s+)?(?:full\s+|existing\s+|valid\s+|current\s+|unrestricted\s+)?(?:right|authori[sz]ation|permission)\s+to\s+work"
    r"|\b(?:require|requires|requiring|need|needs|needing)\s+(?:visa\s+|immigration\s+|work\s+|employer\s+)?sponsorship[^.;]{0,60}\b(?:not\s+be\s+considered|not\s+eligible|ineligible|cannot\s+be\s+considered|won[’']t\s+be\s+considered|unable|not\s+able)",
    re.IGNORECASE,
)
_VISA_YES = re.compile(
    r"\b(?:visa|immigration|work\s+permit)\s+(?:sponsorship|support|assistance)\s*(?:is\s+|:\s*)?(?:available|offered|provided|possible|supported|included|yes)\b"
    r"|\b(?:we|will|can|happy\s+to|glad\s+to|able\s+to|we[’']ll|willing\s+to|open\s+to|do)\s+(?:happily\s+|gladly\s+|also\s+|fully\s+)?(?:sponsor(?:ing)?|support(?:ing)?)\s+(?:\w+\s+){0,3}?(?:visas?|work\s+permits?|h-?1b|blue\s+cards?|work\s+authori[sz]ation|employment\s+pass|skilled\s+worker|relocation\s+and\s+visa|immigration)"
    r"|\b(?:offer|offers|offering|provide|provides|providing|including|include|includes|with)\s+(?:full\s+)?(?:visa|immigration|relocation\s+and\s+visa|visa\s+and\s+relocation|relocation\s+&\s+visa)\s+(?:sponsorship|support|assistance)"
    r"|\bsponsorship\s+(?:is\s+)?(?:available|offered|provided|possible)\b"
    r"|\bsponsorship\s+for\s+(?:work\s+)?(?:visas?|work\s+permits?|work\s+authori[sz]ation)\s+(?:is\s+)?(?:available|offered|provided|possible)"
    r"|\b(?:h-?1b|blue\s+card|skilled\s+worker|tn|o-1)\s+(?:visa\s+)?(?:sponsorship|transfers?)\s+(?:are\s+|is\s+)?(?:available|welcome|supported|offered)"
    r"|\b(?:candidates|applicants|people|those)\s+(?:who|that)\s+(?:need|require)\s+(?:visa\s+)?sponsorship\s+(?:are\s+)?(?:welcome|encouraged)"
    r"|\b(?:we|will|can)\s+(?:\w+\s+)?(?:provide|provides|arrange|arranges|handle|handles|obtain|secure)\s+(?:an?\s+|the\s+|your\s+)?(?:employment|work|residence)\s+(?:visas?|permits?)\b"
    r"|\bvisas?\s+(?:and\s+relocation\s+)?(?:are\s+|is\s+|will\s+be\s+)?(?:provided|arranged|covered|included|sponsored)\b"
    r"|\b(?:employment|work)\s+visas?\s+(?:\w+\s+){0,3}?(?:provided|arranged|included)",
    re.IGNORECASE,
)


def visa_from_sentences(text_sentences: list[str]) -> str:
    """`no` when any sentence rules sponsorship out, else `yes` when one offers it, else `unknown`."""
    offered = False
    for sentence in text_sentences:
        if _VISA_NO.search(sentence):
            return NO
        if not offered and _VISA_YES.search(sentence):
            offered = True
    return YES if offered else UNKNOWN


# --- Citizenship and clearance -------------------------------------------------------------------

_CLEARANCE_NEGATED = re.compile(
    r"\b(?:no|without|not)\s+(?:an?\s+)?(?:active\s+)?(?:security\s+)?clearance\b"
    r"|\bclearance\s+(?:is\s+)?(?:not|isn[’']t)\s+(?:required|needed|necessary)"
    r"|\b(?:does|do|will)\s+not\s+require\s+(?:an?\s+)?(?:active\s+)?(?:security\s+)?clearance"
    r"|\bcitizenship\s+(?:is\s+)?(?:not|isn[’']t)\s+(?:required|needed|necessary)|\bregardless\s+of\s+(?:your\s+)?citizenship"
    r"|\bno\s+citizenship\s+requirements?|\b(?:do|does)\s+not\s+need\s+to\s+be\s+an?\s+\S+\s+citizen",
    re.IGNORECASE,
)
_CLEARANCE_LEVEL = r"(?:ts\s*/\s*sci|top[- ]secret|secret|public\s+trust|confidential|sc|dv|nv1|nv2|baseline|bpss|ctc|q)"
_CLEARANCE = re.compile(
    rf"\b(?P<level>{_CLEARANCE_LEVEL})\s+(?:level\s+)?(?:security\s+)?(?:clearance|cleared)\b"
    r"|\bsecurity\s+clearance\b"
    r"|\b(?:obtain|maintain|hold|holds|possess|have|has)\s+(?:an?\s+)?(?:active|current|valid|existing)\s+(?:\w+\s+){0,2}?clearance\b"
    r"|\bclearance\s*(?:required|:\s*\w)"
    r"|\b(?P<bare>ts\s*/\s*sci)\b",
    re.IGNORECASE,
)
_LEVEL_NAMED = re.compile(rf"\b({_CLEARANCE_LEVEL})\b(?=\s+(?:level\s+)?(?:security\s+)?(?:clearance|cleared)|\s*(?:clearance|cleared)|$)|\b(ts\s*/\s*sci|top[- ]secret)\b", re.IGNORECASE)
# Held already ("must hold an active Secret clearance", "DV clearance required"), or to be obtained after hiring.
_HELD = re.compile(
    r"\b(?:active|current|existing|valid)\b[^.;]{0,40}\b(?:clearance|cleared)|\b(?:hold|holds|holding|possess|possesses)\b[^.;]{0,40}\bclearance"
    r"|\bclearance\s+(?:is\s+)?(?:required|mandatory|needed)|\bcleared\s+(?:to|at)\b",
    re.IGNORECASE,
)
_OBTAINABLE = re.compile(r"\b(?:ability|able|eligible|eligibility|willing|willingness|obtain|obtaining|we\s+sponsor|sponsor\s+the)\b", re.IGNORECASE)
_NOT_SECURITY = re.compile(r"\b(?:customs|medical|export|tax|site|land|sale|price|financial|credit|regulatory|trade)\s+clearance", re.IGNORECASE)
_CITIZEN = re.compile(
    r"\b(?P<who>U\.S\.|U\.K\.|[A-Z][A-Za-z]+|[A-Z]{2,3})\s+(?:citizens?|citizenship|nationals?|nationality|persons?)\b(?!\s+(?:or\s+)?(?:and\s+)?(?:permanent\s+)?residents?\s+welcome)"
    r"|\bgreen\s+card\s+holders?\b"
    r"|\bcitizenship\s+(?:is\s+)?required",
    re.IGNORECASE,
)
_REQUIRED = re.compile(r"\b(?:only|required|require|requires|must|need|needs|eligible|restricted|limited|mandatory|necessary)\b", re.IGNORECASE)


@cache
def _clearances() -> dict[str, Any]:
    with (gazetteer.DATA / "clearances.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def _level_key(text: str) -> str:
    return re.sub(r"[\s-]", "", text).lower()


_HELD_LEVEL = re.compile(rf"\b({_CLEARANCE_LEVEL})\b", re.IGNORECASE)


def clearance_held(text: str) -> tuple[str, str] | None:
    """(country, level) of a clearance a profile says its owner holds ("US Secret", "TS/SCI", "UK SC", "NV1"); None
    when it names no level. A level without a country is its usual country's (data/clearances.json), else the US's."""
    found = _HELD_LEVEL.search(text or "")
    if found is None:
        return None
    level = _level_key(found.group(1))
    rest = (text[: found.start()] + " " + text[found.end() :]).replace("clearance", " ")
    places = [entry for entry in gazetteer.find_places(rest, prose=False, lenient_case=True, prefer_countries=True).entries if entry.kind == "country"]
    country = places[0].code if places else _clearances()["default_country"].get(level, "US")
    return country, level


def clearance_rank(country: str, level: str | None) -> int | None:
    """Where a level stands on its country's ladder (0 lowest); None when unknown."""
    ladder = _clearances()["ladders"].get(country, ())
    return ladder.index(level) if level in ladder else None


def _country_in(sentence: str, who: str | None) -> str | None:
    if who:
        code = gazetteer.country_of_adjective(who)
        if code:
            return code
        found = gazetteer.find_places(who, prose=False)
        if found.entries:
            entry = found.entries[0]
            return entry.code if entry.kind == "region" else entry.country
    found = gazetteer.find_places(sentence, prose=True)
    for entry in found.entries:
        if entry.kind != "region":
            return entry.country
    for word in gazetteer.tokens(sentence):
        code = gazetteer.country_of_adjective(word) if word[:1].isupper() else None
        if code:
            return code
    return None


def clearance_from_sentences(text_sentences: list[str], default_country: str | None) -> dict[str, Any] | None:
    """{"kind": "clearance"|"citizenship", "country": code, "level": str|None} the posting asks for, or None."""
    for sentence in text_sentences:
        if _CLEARANCE_NEGATED.search(sentence):
            continue
        clearance = _CLEARANCE.search(sentence)
        if clearance and not (_NOT_SECURITY.search(sentence) and "security" not in sentence.lower()):
            named = _LEVEL_NAMED.search(sentence)
            level = _level_key(named.group(1)) if named else None
            country = _country_in(sentence, None) or _clearances()["default_country"].get(level or "") or default_country or "US"
            active = bool(_HELD.search(sentence)) and not _OBTAINABLE.search(sentence)
            return {"kind": "clearance", "country": country, "level": level, "active": active}
        citizen = _CITIZEN.search(sentence)
        if citizen and _REQUIRED.search(sentence):
            who = citizen.group("who")
            if who and gazetteer.country_of_adjective(who) is None and not gazetteer.find_places(who, prose=False).entries:
                continue  # "Senior citizens", "Global citizens": not a nationality
            country = _country_in(sentence, who) or default_country
            if country:
                return {"kind": "citizenship", "country": country, "level": None, "active": False}
    return None


# --- Time zones ----------------------------------------------------------------------------------

_ZONES = {
    "utc": 0, "gmt": 0, "wet": 0, "bst": 1, "cet": 1, "cest": 2, "eet": 2, "eest": 3, "msk": 3, "ist": 5.5, "sgt": 8, "jst": 9,
    "aest": 10, "aedt": 11, "nzst": 12, "est": -5, "edt": -4, "et": -5, "eastern": -5, "cst": -6, "cdt": -5, "ct": -6,
    "central": -6, "mst": -7, "mdt": -6, "mt": -7, "mountain": -7, "pst": -8, "pdt": -7, "pt": -8, "pacific": -8, "brt": -3, "art": -3,
}
_BROAD_ZONES = {"us": (-8, -5), "north american": (-8, -5), "american": (-8, -5), "americas": (-8, -3), "european": (0, 2), "europe": (0, 2), "emea": (0, 3), "apac": (5.5, 10), "latam": (-6, -3), "african": (0, 3)}
_ZONE = r"(?:UTC|GMT|WET|BST|CEST|CET|EEST|EET|MSK|IST|SGT|JST|AEST|AEDT|NZST|EST|EDT|ET|CST|CDT|CT|MST|MDT|MT|PST|PDT|PT|BRT|ART|Eastern|Central|Mountain|Pacific)"
_OFFSET = r"[+±−–-]\s?\d{1,2}(?::?(?:00|30|45))?"
_TZ_RANGE = re.compile(rf"\b(?P<a>(?:UTC|GMT)\s?{_OFFSET})\s*(?:to|and|-|–|—|through)\s*(?P<b>(?:UTC|GMT)\s?{_OFFSET}|{_OFFSET})", re.IGNORECASE)
_TZ_PLUS_MINUS = re.compile(
    rf"(?:(?:within|\+/-|±)\s*(?P<n1>\d{{1,2}})\s*(?:hours?|hrs?|h)\s+(?:of|from)\s+(?P<z1>{_ZONE}(?:\s?{_OFFSET})?))"
    rf"|(?:(?P<z2>{_ZONE}(?:\s?{_OFFSET})?)\s*(?:\+/-|±|\+/−)\s*(?P<n2>\d{{1,2}})\s*(?:hours?|hrs?|h)?)",
    re.IGNORECASE,
)
_TZ_OVERLAP = re.compile(
    rf"\b(?:overlap(?:ping)?\s+(?:with\s+)?|working\s+hours\s+in\s+|aligned\s+with\s+|during\s+)(?:the\s+)?(?P<z>{_ZONE}|US|North\s+American|American|Americas|European|Europe|EMEA|APAC|LATAM)\b",
    re.IGNORECASE,
)
_TZ_NAMED = re.compile(r"\b(?P<z>US|North\s+American|Americas|European|EMEA|APAC|LATAM|African)\s+time\s?zones?\b", re.IGNORECASE)


def _zone_offset(text: str) -> float | None:
    match = re.match(rf"\s*(?P<zone>{_ZONE})\s?(?P<offset>{_OFFSET})?", text, re.IGNORECASE)
    if not match:
        return _offset(text)
    base = _ZONES.get(match.group("zone").lower())
    if base is None:
        return None
    return base + (_offset(match.group("offset")) or 0 if match.group("offset") else 0)


def _offset(text: str) -> float | None:
    match = re.search(r"(?P<sign>[+±−–-])\s?(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?", text or "")
    if not match:
        return None
    value = int(match.group("hours")) + int(match.group("minutes") or 0) / 60
    return -value if match.group("sign") in "−–-" else value


def timezones_from_sentences(text_sentences: Iterable[str]) -> list[dict[str, Any]]:
    """Windows of UTC offsets the posting asks to work in: [{"from": -2, "to": 4, "text": "..."}]."""
    windows: list[dict[str, Any]] = []
    for sentence in text_sentences:
        window = _window(sentence)
        if window is not None and window not in windows:
            windows.append(window)
    return windows


def _window(sentence: str) -> dict[str, Any] | None:
    if match := _TZ_RANGE.search(sentence):
        low, high = _zone_offset(match.group("a")), _zone_offset(match.group("b"))
        if low is not None and high is not None:
            return {"from": min(low, high), "to": max(low, high), "text": match.group(0)}
    if match := _TZ_PLUS_MINUS.search(sentence):
        zone = match.group("z1") or match.group("z2")
        hours = int(match.group("n1") or match.group("n2"))
        center = _zone_offset(zone)
        if center is not None and hours <= 12:
            return {"from": center - hours, "to": center + hours, "text": match.group(0)}
    if match := _TZ_OVERLAP.search(sentence) or _TZ_NAMED.search(sentence):
        name = " ".join(match.group("z").lower().split())
        if name in _BROAD_ZONES:
            low, high = _BROAD_ZONES[name]
            return {"from": low - 2, "to": high + 2, "text": match.group(0)}
        center = _ZONES.get(name)
        if center is not None:
            return {"from": center - 3, "to": center + 3, "text": match.group(0)}
    return None


# --- Work mode, employment type, travel ---------------------------------------------------------

_HYBRID = re.compile(
    r"\bhybrid\b(?!\s+(?:cloud|app|apps|mobile|infrastructure|model\s+of\s+ml|search|vehicles?|work\s+of))"
    r"|\b\d\s*(?:-\s*\d\s*|or\s+\d\s*)?days?\s+(?:a|per|each|every)\s+week\s+(?:in|at|from)\s+(?:the|our)\s+(?:\w+\s+)?(?:office|hq|studio)"
    r"|\bin[- ](?:the[- ])?office\s+\d\s*(?:-\s*\d\s*)?days",
    re.IGNORECASE,
)
_ONSITE = re.compile(
    r"\b(?:this\s+is\s+an?\s+|this\s+role\s+is\s+|the\s+role\s+is\s+|this\s+position\s+is\s+|position\s+is\s+)(?:fully\s+|100%\s+)?(?:on-?site|in[- ]office|office[- ]based|in[- ]person)"
    r"|\bon-?site\s+(?:role|position|only|job|\d\s+days|five\s+days)|\b(?:fully|100%)\s+(?:on-?site|in[- ]office)"
    r"|\b(?:not|isn[’']t)\s+(?:a\s+)?remote\b|\bno\s+remote\b|\bremote\s+(?:work\s+)?is\s+not\s+(?:possible|available|an\s+option)"
    r"|\bin[- ]person\s+(?:role|position)|\bfive\s+days\s+a\s+week\s+(?:in|at)\s+(?:the|our)\s+office"
    r"|(?:^|[.;:]\s*)on[- ]?site\b|\bon[- ]site\s+(?:in|at)\b|\bin\s+(?:the|our)\s+(?:[\w-]+\s+){0,2}office\s+(?:five|5)\s+days",
    re.IGNORECASE,
)
_REMOTE = re.compile(
    r"\b(?:fully\s+remote|100%\s+remote|remote[- ](?:first|only|friendly)|(?:an?\s+)?remote\s+(?:role|position|job|opportunity|team|company)"
    r"|work\s+(?:remotely|from\s+home|from\s+anywhere)|distributed\s+team|remote\s+within|remote\s+from|remote\s+in)\b"
    r"|(?:^|[.;]\s*)remote\b(?!\s*-?\s*first)",
    re.IGNORECASE,
)
_MODE_WORDS = [
    ("hybrid", re.compile(r"\bhybrid\b", re.IGNORECASE)),
    ("remote", re.compile(r"\b(?:remote|work\s+from\s+home|wfh|distributed|anywhere|worldwide)\b", re.IGNORECASE)),
    ("onsite", re.compile(r"\b(?:on-?site|in[- ]office|office[- ]based|in[- ]person)\b", re.IGNORECASE)),
]


def mode_from_label(text: str) -> str | None:
    """A location line or a title: "London, UK (Hybrid)", "Remote (US only)", "On-site - Austin"."""
    for mode, pattern in _MODE_WORDS:
        if text and pattern.search(text):
            return mode
    return None


def mode_from_prose(text: str) -> str | None:
    if _ONSITE.search(text):
        return "onsite"
    if _HYBRID.search(text):
        return "hybrid"
    if _REMOTE.search(text):
        return "remote"
    return None


_TITLE_TYPES = [
    ("internship", re.compile(r"\b(?:intern|internship|werkstudent|working\s+student|co-op)\b", re.IGNORECASE)),
    ("freelance", re.compile(r"\bfreelancer?\b", re.IGNORECASE)),
    (
        "contract",
        re.compile(
            r"\b(?:contract|contractor|contract[- ]to[- ]hire|c2h|1099)\b(?!\s*(?:s\b|manager|management|administrator|admin|specialist|negotiat|analyst|lawyer|attorney|counsel|coordinator|officer|lead))",
            re.IGNORECASE,
        ),
    ),
    ("temporary", re.compile(r"\b(?:temporary|temp|fixed[- ]term|maternity\s+cover|interim)\b", re.IGNORECASE)),
    ("part_time", re.compile(r"\bpart[- ]?time\b", re.IGNORECASE)),
    ("full_time", re.compile(r"\b(?:full[- ]?time|permanent)\b", re.IGNORECASE)),
]
_TEXT_TYPES = [
    (
        "internship",
        re.compile(
            r"\b(?:this\s+|our\s+|the\s+|an?\s+)?(?:paid\s+|summer\s+|\d{1,2}[- ](?:month|week)\s+)?internship\b(?!\s+program(?:me)?s?\s+(?:alumni|graduates))"
            r"(?!\s+(?:and\s+(?:new\s+)?(?:grad(?:uate)?s?|early[- ]career|campus)\s+)?(?:program|programme|cohort|pipeline|hiring|recruit)\w*)",
            re.IGNORECASE,
        ),
    ),
    ("freelance", re.compile(r"\bfreelance(?:r)?\s+(?:role|position|basis|project|contract|engagement|opportunity|gig)|\bas\s+an?\s+freelancer\b", re.IGNORECASE)),
    (
        "contract",
        re.compile(
            r"\b\d{1,2}[- ]?(?:\+\s*)?(?:month|week|mo)s?\s+(?:\w+\s+)?contract\b|\bcontract\s+(?:role|position|assignment|engagement|basis|opportunity|job|period|length|duration|term|rate)\b"
            r"|\b(?:on\s+a\s+)?contract(?:or)?\s+basis|\bcontract[- ]to[- ](?:hire|perm)|\bc2h\b|\bcorp[- ]to[- ]corp\b|\bc2c\b|\b1099\b|\bb2b\s+contract|\bw-?2\s+contract"
            r"|\bthis\s+is\s+an?\s+(?:\d{1,2}[- ]month\s+|short[- ]term\s+|long[- ]term\s+|initial\s+)?contract\b|\bas\s+an?\s+(?:independent\s+)?contractor\b|\b(?:day|daily)\s+rate\b|\b(?:outside|inside)\s+ir35\b",
            re.IGNORECASE,
        ),
    ),
    ("temporary", re.compile(r"\bfixed[- ]term\b|\btemporary\s+(?:role|position|contract|assignment|job)|\b(?:maternity|parental)\s+(?:leave\s+)?cover\b", re.IGNORECASE)),
    ("part_time", re.compile(r"\bpart[- ]time\b(?!\s+(?:students|mba))|\b(?:20|15|24|25|30)\s+hours\s+(?:a|per)\s+week\b", re.IGNORECASE)),
    ("full_time", re.compile(r"\bfull[- ]time\b(?!\s+equivalent)|\bpermanent\s+(?:role|position|contract|employment|job|full[- ]time|hire|opportunity)\b|\bpermanent\b", re.IGNORECASE)),
]
_EITHER = re.compile(r"\b(?:full[- ]time|permanent)\s*(?:or|/)\s*(?:contract|freelance)|\b(?:contract|freelance)\s*(?:or|/)\s*(?:full[- ]time|permanent)", re.IGNORECASE)


def employment_types_from(text: str, table: list[tuple[str, re.Pattern]]) -> list[str]:
    if _EITHER.search(text or ""):
        found = [kind for kind, pattern in _TITLE_TYPES if pattern.search(text) and kind in {"full_time", "contract", "freelance"}]
        return found or ["full_time", "contract"]
    for kind, pattern in table:
        if text and pattern.search(text):
            return [kind]
    return []


_TRAVEL = re.compile(
    r"\btravel\s+(?:up\s+to\s+)?\d{1,2}\s?%|\b\d{1,2}\s?%\s+(?:of\s+the\s+time\s+)?travel|\b(?:some|occasional|frequent|regular|extensive|significant|international|domestic|quarterly|periodic|monthly)\s+travel\b"
    r"|\btravel\s+(?:is\s+)?(?:required|expected|necessary)|\bwilling(?:ness)?\s+to\s+travel|\bability\s+to\s+travel|\brequires?\s+(?:\w+\s+)?travel\b"
    r"|\btravel\b[^.;]{0,80}?\b\d{1,2}\s?(?:%|percent|per\s+cent)\s+of\s+(?:the|your)\s+time"
    r"|\b(?:involves?|includes?|involving|including)\s+(?:some\s+|regular\s+|frequent\s+)?travel\b(?!\s+(?:costs|expenses|budget|allowance|insurance|perks?|discounts?))"
    r"|\byou\s+(?:will|would|may|might|[’']ll)\s+(?:also\s+|regularly\s+|occasionally\s+|sometimes\s+)?travel\b"
    r"|\bwith\s+(?:some\s+|occasional\s+|regular\s+)?travel\s+to\b",
    re.IGNORECASE,
)
_NO_TRAVEL = re.compile(r"\b(?:no|without|zero)\s+travel\b|\btravel\s+(?:is\s+)?not\s+(?:required|expected|necessary)", re.IGNORECASE)


# --- Years ---------------------------------------------------------------------------------------

_YEARS_PATTERNS = [
    re.compile(r"(\d{1,2})\s*(?:\+|plus)\s*(?:years|yrs)", re.I),
    re.compile(r"(\d{1,2})\s+or\s+more\s+(?:years|yrs)|(\d{1,2})\s+(?:years|yrs)\s+or\s+more", re.I),
    re.compile(r"(\d{1,2})\s*(?:-|–|to)\s*\d{1,2}\s*(?:years|yrs)", re.I),
    re.compile(r"(?:at least|minimum(?: of)?|min\.?|over)\s*(\d{1,2})\s*(?:years|yrs)", re.I),
    re.compile(r"(\d{1,2})\s*(?:years|yrs)(?:'|’)?\s*(?:of\s+)?(?:professional\s+|relevant\s+|hands-on\s+|industry\s+|work\s+)?experience", re.I),
]


# "Two to four years", "eight or more years": postings spell small numbers out as often as not.
_NUMBER_WORDS = {
    word: str(number)
    for number, word in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
    )
}
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b(?=(?:\s*(?:\+|plus|-|–|to|or\s+more)\s*(?:\w+\s+)?)?\s*(?:years|yrs))", re.I)


_YEARS_WORD = re.compile(r"years|yrs", re.IGNORECASE)
# The patterns read at most this far on either side of the word "years".
_YEARS_REACH = 60


def _years_windows(text: str) -> list[str]:
    """The stretches of text around each "years" (overlapping ones merged): the patterns run on these only,
    not on the whole description."""
    spans: list[list[int]] = []
    for match in _YEARS_WORD.finditer(text):
        start, end = max(0, match.start() - _YEARS_REACH), match.end() + _YEARS_REACH
        if spans and start <= spans[-1][1]:
            spans[-1][1] = end
        else:
            spans.append([start, end])
    return [text[start:end] for start, end in spans]


def required_years_from_text(text: str) -> int | None:
    """The experience a posting asks for: the smallest plausible figure it states (in digits or words)."""
    found = []
    for window in _years_windows(text or ""):
        window = _NUMBER_WORD.sub(lambda match: _NUMBER_WORDS[match.group(1).lower()], window)
        for pattern in _YEARS_PATTERNS:
            for match in pattern.findall(window):
                found.extend(int(group) for group in (match if isinstance(match, tuple) else (match,)) if group)
    plausible = [years for years in found if 0 < years <= 25]
    return min(plausible) if plausible else None


# --- The reading ---------------------------------------------------------------------------------

# Each rule runs only on sentences holding one of its words (a plain substring test is far cheaper
# than the rule's regular expression, and most sentences hold none).
_GATES = {
    "visa": ("sponsor", "visa", "right to work", "work permit", "immigration", "h-1b", "h1b"),
    "clearance": ("clearance", "cleared", "citizen", "national", "green card", "ts/sci", "person"),
    "timezone": ("utc", "gmt", "time zone", "timezone", "hours of", "overlap", "cet", "est", "pst", "pt ", "et ", "±", "+/-", "working hours", "business hours", "eastern", "pacific", "central"),
    "places": ("based", "located", "living", "resid", "live", "sit ", "work in", "work from", "work within", "work for", "permit", "authori", "right",
               "open", "available", "restricted", "limited", "hire", "hiring", "recruit", "employ", "accept", "consider", "welcom", "remote",
               "anywhere", "within", "only", "exclusive", "citizen", "national", "location"),
    "mode": ("remote", "hybrid", "site", "office", "in person", "in-person", "home", "distributed", "anywhere"),
    "travel": ("travel",),
}
_TYPE_GATES = {
    "internship": ("intern", "werkstudent", "working student", "co-op"),
    "freelance": ("freelanc",),
    "contract": ("contract", "c2h", "c2c", "1099", "ir35", "rate", "corp"),
    "temporary": ("fixed", "temporary", "temp", "cover", "interim"),
    "part_time": ("part", "hours a week", "hours per week"),
    "full_time": ("full", "permanent"),
}


# Each gate's words as one alternation: one C-level scan of a sentence instead of a test per word.
_GATE_PATTERNS = {name: re.compile("|".join(re.escape(word) for word in words)) for name, words in _GATES.items()}


def _holding(pairs: list[tuple[str, str]], gate: str) -> list[str]:
    pattern = _GATE_PATTERNS[gate]
    return [sentence for sentence, lowered in pairs if pattern.search(lowered)]


def _types_in(text: str, table: list[tuple[str, re.Pattern]]) -> list[str]:
    lowered = text.lower()
    kept = [(kind, pattern) for kind, pattern in table if any(word in lowered for word in _TYPE_GATES[kind])]
    return employment_types_from(text, kept) if kept else []


def _llm_value(llm: Mapping[str, Any] | None, key: str) -> Any:
    if not llm:
        return None
    value = llm.get(key)
    return value if value not in (None, "", [], {}) else None


@dataclass(frozen=True)
class _Posting:
    """One posting's texts, split once for every rule."""

    title: str
    location: str
    text: str
    pairs: list[tuple[str, str]]  # (sentence, lowercased)
    llm: Mapping[str, Any] | None

    def holding(self, gate: str) -> list[str]:
        return _holding(self.pairs, gate)

    def llm_value(self, key: str) -> Any:
        return _llm_value(self.llm, key)


def _places(reading: Reading, posting: _Posting, eligible_regions: Iterable[str]) -> None:
    """A sentence saying where the candidate must be, else structured regions, else the LLM's, else the
    location line, else the other sentences of the text."""
    # "Applicants must be based in Canada" is the hiring team's own word: it overrides a board's
    # region field and the location line, which are often an ATS default ("Remote (US)").
    strong = [sentence for sentence in posting.holding("places") if _STRONG_RESTRICTION.search(sentence)]
    _read_places_in_prose(reading, strong, worldwide_allowed=False)
    if not reading.countries and not reading.regions:
        _read_structured_places(reading, eligible_regions, STRUCTURED)
    if not reading.countries and not reading.regions:
        llm_places = [*(posting.llm_value("countries") or ()), *(posting.llm_value("regions") or ())]
        _read_structured_places(reading, [p for p in llm_places if isinstance(p, str)], LLM)
    if not reading.countries and not reading.regions:
        _read_location(reading, posting.location)
    elif posting.location:
        # cities only: the structured regions already say where
        found = gazetteer.find_places(posting.location, prose=False)
        unknown = _unknown_city(posting.location, found)
        for entry in [*found.entries, *([unknown] if unknown else [])]:
            if entry.kind == "city" and entry.name not in {value.value for value in reading.cities}:
                reading.cities.append(Value(entry.name, LOCATION))
    if not reading.countries and not reading.regions:
        _read_places_in_prose(reading, posting.holding("places"))


def _work_mode(posting: _Posting, remote_type: str | None) -> Value | None:
    if remote_type in WORK_MODES:
        return Value(remote_type, STRUCTURED)
    if posting.llm_value("work_mode") in WORK_MODES:
        return Value(posting.llm_value("work_mode"), LLM)
    for text, source in ((posting.location, LOCATION), (posting.title, STRUCTURED)):
        if mode := mode_from_label(text):
            return Value(mode, source)
    if _holding([(posting.text, posting.text.lower())], "mode") and (mode := mode_from_prose(posting.text)):
        return Value(mode, DESCRIPTION)
    return None


def _visa(posting: _Posting, visa_sponsorship: int | None) -> Value:
    if visa_sponsorship in (0, 1):
        return Value(YES if visa_sponsorship == 1 else NO, STRUCTURED)
    if posting.llm_value("visa_sponsorship") in (YES, NO):
        return Value(posting.llm_value("visa_sponsorship"), LLM)
    said = visa_from_sentences(posting.holding("visa"))
    return Value(said, DESCRIPTION) if said != UNKNOWN else Value(UNKNOWN, "")


def _clearance(posting: _Posting, countries: list[str]) -> Value | None:
    asked = posting.llm_value("citizenship_or_clearance_required")
    if isinstance(asked, Mapping):
        return Value(dict(asked), LLM)
    candidates = _holding([(posting.title, posting.title.lower()), *posting.pairs], "clearance")
    if not candidates:
        return None
    required = clearance_from_sentences(candidates, countries[0] if len(countries) == 1 else None)
    return Value(required, DESCRIPTION) if required is not None else None


def _employment_types(posting: _Posting, job_type: str | None) -> list[Value]:
    if job_type in EMPLOYMENT_TYPES:
        return [Value(job_type, STRUCTURED)]
    from_llm = [kind for kind in posting.llm_value("employment_types") or () if kind in EMPLOYMENT_TYPES]
    if from_llm:
        return [Value(kind, LLM) for kind in from_llm]
    for kinds, source in (
        (_types_in(posting.title, _TITLE_TYPES), STRUCTURED),
        (_types_in(posting.location, _TITLE_TYPES), LOCATION),
        (_types_in(posting.text, _TEXT_TYPES), DESCRIPTION),
    ):
        if kinds:
            return [Value(kind, source) for kind in kinds]
    return []


def _role_and_level(reading: Reading, posting: _Posting) -> None:
    role = roles.role_of(posting.title)
    if role is not None:
        reading.role_family = Value({"family": role.family, "specialism": role.specialism}, STRUCTURED)
    elif isinstance(posting.llm_value("role_family"), Mapping):
        reading.role_family = Value(dict(posting.llm_value("role_family")), LLM)
    years = required_years_from_text(posting.text)
    if years is not None:
        reading.required_years = Value(years, DESCRIPTION)
    level, source = roles.title_level(posting.title), STRUCTURED
    if level is None and role is not None:
        level = roles.family_default_level(role.family)
    if level is None and isinstance(posting.llm_value("seniority_level"), int):
        level, source = posting.llm_value("seniority_level"), LLM
    if level is None and years is not None:
        level, source = roles.level_from_years(years), DESCRIPTION
    if level is not None:
        reading.seniority = Value({"level": level, "name": roles.level_name(level)}, source)


def read_posting(
    *,
    title: str = "",
    location: str = "",
    description: str = "",
    remote_type: str | None = None,
    job_type: str | None = None,
    eligible_regions: Iterable[str] = (),
    visa_sponsorship: int | None = None,
    llm: Mapping[str, Any] | None = None,
) -> Reading:
    """Everything a posting says about who may take it (see the module docstring for the rules).

    `llm`, when given, holds what the LLM extraction read: `countries`/`regions` (lists of names or
    codes), `work_mode`, `visa_sponsorship` (yes/no), `citizenship_or_clearance_required` ({kind,
    country, level}), `employment_types` (list), `seniority_level` (0–7), `role_family` ({family,
    specialism}); each fills only what the structured fields leave empty.
    """
    text = (description or "")[:MAX_TEXT]
    posting = _Posting(
        title=title or "",
        location=location or "",
        text=text,
        pairs=[(sentence, sentence.lower()) for sentence in sentences(text)],
        llm=llm,
    )
    reading = Reading()
    _places(reading, posting, eligible_regions)
    reading.work_mode = _work_mode(posting, remote_type)
    reading.visa_sponsorship = _visa(posting, visa_sponsorship)
    reading.citizenship_or_clearance_required = _clearance(posting, [value.value for value in reading.countries])
    zoned = _holding([(posting.location, posting.location.lower()), *posting.pairs], "timezone")
    reading.timezones = [Value(window, DESCRIPTION) for window in timezones_from_sentences(zoned)]
    reading.employment_types = _employment_types(posting, job_type)
    _role_and_level(reading, posting)
    travel = [sentence for sentence in posting.holding("travel") if _TRAVEL.search(sentence)]
    if travel and not any(_NO_TRAVEL.search(sentence) for sentence in travel):
        reading.travel = Value(True, DESCRIPTION)
    return reading
