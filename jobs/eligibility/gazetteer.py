"""Places as data: countries, US states and Canadian provinces, major cities and regions.

Built once per process from `pycountry` (every ISO 3166-1 country, its names and codes, and the
ISO 3166-2 subdivisions of the US, Canada and Australia) and the files beside this module:
`data/countries.json` (the names people write besides the ISO ones, and adjectives),
`data/cities.json` (city → country or subdivision) and `data/regions.json` (region → members).

Everything resolves to codes: a country is its ISO alpha-2 code (`GB`, `US`), a region its key in
regions.json (`EU`, `EMEA`, `WORLDWIDE`). `member_countries` expands any set of codes to the
countries they cover, so "may work in the EU" and "US only" compare as sets of countries.

Reading text goes through `find_places`: the words are looked up as n-grams (longest first), so
"New Mexico" is a state, not Mexico, and "Latin America" is a region, not the US. Two-letter
codes count only when written in capitals ("US", "CA"), never "us"; in prose (`prose=True`) a
name also has to be capitalised, and names that are ordinary words or first names ("Chad",
"Jordan", "Georgia") or that describe rather than restrict ("global") are left to location fields
unless a preposition puts them in place ("based in India").
Ambiguous names resolve by context: "CA" after a city is California, alone it is Canada;
"Georgia" is the US state unless the text points at the country (Tbilisi, "Republic of Georgia").
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

import pycountry

DATA = Path(__file__).parent / "data"
WORLDWIDE = "WORLDWIDE"
MAX_NAME_WORDS = 6
# Subdivisions we know by name and code: the places postings name next to a city ("Austin, TX",
# "Toronto, ON", "Perth WA" — a code two countries share resolves by the city before it).
SUBDIVISION_COUNTRIES = ("US", "CA", "AU")
SUBDIVISION_TYPES = {"State", "District", "Province", "Territory"}


class Entry(NamedTuple):
    kind: str  # country | region | subdivision | city
    code: str  # alpha-2, region key, "US-CA" (subdivision), or the city's country/subdivision
    name: str  # the display name (a city's name as written in the data)

    @property
    def country(self) -> str | None:
        if self.kind == "region":
            return None
        return self.code.split("-")[0]


@dataclass(frozen=True)
class Gazetteer:
    names: dict[tuple[str, ...], tuple[Entry, ...]]  # lowercase words → candidates, most likely first
    regions: dict[str, frozenset[str]]  # region key → member countries
    region_labels: dict[str, str]
    adjectives: dict[str, str]  # "german" → "DE"
    prose_excluded: frozenset[tuple[str, ...]]
    subdivision_names: dict[str, str]  # "US-CA" → "California"
    country_names: dict[str, str]  # "DE" → "Germany"


# --- Loading -------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_][\w&.'’+-]*", re.UNICODE)
_DOTTED = re.compile(r"^(?:[a-z]\.){2,}$", re.IGNORECASE)


def _plain(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


def tokens(text: str) -> list[str]:
    """Words as written (case kept): dotted abbreviations keep their dots ("U.S."), other words lose trailing punctuation."""
    found = []
    for raw in _TOKEN.findall(text or ""):
        word = raw if _DOTTED.match(raw) else raw.rstrip(".'’-+&")
        if word:
            found.append(word)
    return found


def _key(name: str) -> tuple[str, ...]:
    return tuple(_plain(word) for word in tokens(name))


def _read(name: str) -> dict:
    with (DATA / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def _add(names: dict[tuple[str, ...], list[Entry]], name: str, entry: Entry) -> None:
    key = _key(name)
    if not key or len(key) > MAX_NAME_WORDS:
        return
    bucket = names.setdefault(key, [])
    if entry not in bucket:
        bucket.append(entry)


def _expand_regions(raw: dict[str, dict]) -> dict[str, frozenset[str]]:
    def members(code: str, seen: frozenset[str] = frozenset()) -> set[str]:
        if code not in raw:
            return {code}
        if code in seen:
            return set()
        found: set[str] = set()
        for member in raw[code]["members"]:
            found |= members(member, seen | {code})
        return found

    return {code: frozenset(members(code)) for code in raw}


@cache
def gazetteer() -> Gazetteer:
    """The places, loaded once per process."""
    names: dict[tuple[str, ...], list[Entry]] = {}
    country_names: dict[str, str] = {}
    extras = _read("countries.json")
    # Cities first: in "Cambridge" or "London" a city is what a posting means; a region or country
    # spelled the same way (rare) follows as the second candidate.
    for city, code in _read("cities.json")["cities"].items():
        _add(names, city, Entry("city", code, city.title()))
    for subdivision_country in SUBDIVISION_COUNTRIES:
        for sub in pycountry.subdivisions.get(country_code=subdivision_country) or ():
            if sub.type not in SUBDIVISION_TYPES:
                continue
            entry = Entry("subdivision", sub.code, sub.name)
            _add(names, sub.name, entry)
            _add(names, sub.code.split("-")[1], entry)
    for country in pycountry.countries:
        display = getattr(country, "common_name", None) or country.name
        country_names[country.alpha_2] = display
        entry = Entry("country", country.alpha_2, display)
        for name in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)):
            # "Korea, Republic of" is nobody's spelling: the aliases in countries.json carry those
            if name and "," not in name:
                _add(names, name, entry)
        _add(names, country.alpha_2, entry)
    adjectives: dict[str, str] = {}
    for code, extra in extras["countries"].items():
        entry = Entry("country", code, country_names.get(code, code))
        for alias in extra.get("aliases", ()):
            _add(names, alias, entry)
        for adjective in extra.get("adjectives", ()):
            adjectives[_plain(adjective)] = code
    regions_raw = {code: value for code, value in _read("regions.json").items() if not code.startswith("_") and isinstance(value, dict)}
    region_labels = {code: value["label"] for code, value in regions_raw.items()}
    for code, value in regions_raw.items():
        entry = Entry("region", code, value["label"])
        for name in [*value["names"], *value.get("codes", ())]:
            _add(names, name, entry)
    regions_file = _read("regions.json")
    prose_excluded = {_key(name) for name in regions_file.get("location_only_names", ())}
    prose_excluded |= {_key(name) for name in extras.get("prose_ambiguous", ())}
    subdivision_names = {
        sub.code: sub.name for cc in SUBDIVISION_COUNTRIES for sub in pycountry.subdivisions.get(country_code=cc) or ()
    }
    return Gazetteer(
        names={key: tuple(bucket) for key, bucket in names.items()},
        regions=_expand_regions(regions_raw),
        region_labels=region_labels,
        adjectives=adjectives,
        prose_excluded=frozenset(prose_excluded),
        subdivision_names=subdivision_names,
        country_names=country_names,
    )


# --- Codes ---------------------------------------------------------------------------------------


def is_region(code: str) -> bool:
    return code in gazetteer().regions


@lru_cache(maxsize=4096)
def member_countries(codes: frozenset[str]) -> frozenset[str]:
    """The countries a set of codes covers (regions expanded); WORLDWIDE stays as itself."""
    regions = gazetteer().regions
    found: set[str] = set()
    for code in codes:
        if code == WORLDWIDE:
            found.add(WORLDWIDE)
        elif code in regions:
            found |= regions[code]
        else:
            found.add(code.split("-")[0])
    return frozenset(found)


def label(code: str) -> str:
    """How a code reads in a sentence: "the US", "Germany", "the EU", "Europe"."""
    place = gazetteer()
    if code in place.region_labels:
        name = place.region_labels[code]
        return name if code in {"WORLDWIDE"} or not name.isupper() else f"the {name}"
    if code in place.subdivision_names:
        return place.subdivision_names[code]
    name = place.country_names.get(code, code)
    return {"US": "the US", "GB": "the UK", "NL": "the Netherlands", "AE": "the UAE", "PH": "the Philippines"}.get(code, name)


def labels(codes: Iterable[str]) -> str:
    """Codes as an English list: "the US or Canada"."""
    names = [label(code) for code in sorted(codes, key=lambda c: (is_region(c), c))]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]


@lru_cache(maxsize=4096)
def resolve(name: str) -> frozenset[str]:
    """The codes one place name stands for, as a profile writes it: "Germany", "EU", "US", "Remote (EU)", "de".

    Profiles name places one at a time and may write a code in lower case, so this is more lenient
    than reading a posting: every place the name contains counts, whatever its case.
    """
    found = find_places(name or "", prose=False, lenient_case=True, prefer_countries=True)
    codes = {entry.code if entry.kind in {"country", "region"} else entry.code.split("-")[0] for entry in found.entries}
    return frozenset(codes)


@lru_cache(maxsize=4096)
def state_of(region: str, city: str, country: str) -> str:
    """The state or province ("US-TX") a profile lives in, from its region ("Texas", "TX") or else its
    city ("Chicago"), within its country; "" when neither names one the gazetteer knows there."""
    for name in (region, city):
        found = find_places(name or "", prose=False, lenient_case=True).entries
        for entry in found:
            if entry.kind in {"subdivision", "city"} and "-" in entry.code and entry.country == country:
                return entry.code
    return ""


def codes_of(names: Iterable[str]) -> frozenset[str]:
    """The codes of several place names (a profile's eligible regions or preferred countries)."""
    codes: set[str] = set()
    for name in names or ():
        if isinstance(name, str):
            codes |= resolve(name)
    return frozenset(codes)


def country_of_adjective(word: str) -> str | None:
    return gazetteer().adjectives.get(_plain(word))


# --- Finding places in text ----------------------------------------------------------------------


class Found(NamedTuple):
    entries: tuple[Entry, ...]  # resolved, in reading order
    spans: tuple[tuple[int, int], ...]  # word index ranges [start, end) of each entry


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or bool(_DOTTED.match(word))


def _acceptable(words: list[str], start: int, end: int, *, prose: bool, lenient_case: bool) -> bool:
    written = words[start:end]
    if len(written) == 1 and len(written[0].rstrip(".")) <= 2 and not lenient_case and not written[0].isupper():
        # "us", "in", "de", "ca" are words; the codes are written in capitals
        return False
    if written[0].lower() == "us" and not lenient_case and written[0] != "US":
        return False
    if prose:
        if len(written) == 1 and len(written[0]) <= 2 and written[0] not in _PROSE_CODES:
            # "IT", "QA", "HR", "CV" are country codes too, but in prose they are words
            return False
        key = tuple(_plain(w) for w in written)
        if key in gazetteer().prose_excluded and (start == 0 or _plain(words[start - 1]) not in _PLACE_PREPOSITIONS):
            # "India", "Jordan", "Georgia" are names and words too, but "based in India" is the country
            return False
        if not all(_capitalised(w) or _plain(w) in _LOWER_INSIDE_NAMES for w in written) or not _capitalised(written[0]):
            return False
    return True


_PROSE_CODES = {"US", "UK", "EU"}
_PLACE_PREPOSITIONS = {"in", "within", "from", "across", "throughout", "inside"}
_NOT_A_CITY = {"remote", "hybrid", "onsite", "on-site", "office", "anywhere", "only", "or", "and", "in", "location", "locations"}
_LOWER_INSIDE_NAMES = {"of", "and", "the", "de", "do", "&", "am", "la"}


def _pick(candidates: tuple[Entry, ...], *, bare_code: bool, context: set[str], prefer_countries: bool) -> Entry:
    """The most likely reading of an ambiguous name in its context."""
    if len(candidates) == 1:
        return candidates[0]
    for entry in candidates:
        if entry.country in context and entry.kind != "region":
            return entry
    if bare_code or prefer_countries:
        # "Remote - CA": a bare code is a country; after a city ("Austin, TX") it is a state
        for entry in candidates:
            if entry.kind in {"country", "region"}:
                return entry
    return candidates[0]


def find_places(text: str, *, prose: bool, lenient_case: bool = False, prefer_countries: bool = False) -> Found:
    """The places named in `text`, longest names first, ambiguous ones resolved by the others."""
    place = gazetteer()
    text = _SUFFIXED.sub(r" \1", _normalise_dc(text))
    words = tokens(text)
    lowered = [_plain(word) for word in words]
    matches: list[tuple[int, int, tuple[Entry, ...]]] = []
    index = 0
    while index < len(words):
        for size in range(min(MAX_NAME_WORDS, len(words) - index), 0, -1):
            candidates = place.names.get(tuple(lowered[index : index + size]))
            if candidates and _acceptable(words, index, index + size, prose=prose, lenient_case=lenient_case):
                matches.append((index, index + size, candidates))
                index += size
                break
        else:
            index += 1
    context = {c[0].country for _, _, c in matches if len(c) == 1 and c[0].country}
    # "Cambridge, MA", "London, ON": a state or province written after a city says which one it is
    for position, (_start, end, candidates) in enumerate(matches[:-1]):
        following = matches[position + 1]
        following_countries = {entry.country for entry in following[2]}
        if (
            candidates[0].kind == "city"
            and following[0] == end
            and following[2][0].kind == "subdivision"
            and candidates[0].country not in following_countries
        ):
            context.discard(candidates[0].country)
            context.add(following[2][0].country)
    resolved: list[Entry] = []
    spans: list[tuple[int, int]] = []
    previous_end = -1
    previous_kind = ""
    for start, end, candidates in matches:
        after_city = (previous_end == start and previous_kind == "city") or (
            start > 0 and previous_end != start and _follows_comma(text, words, start)
        )
        bare_code = end - start == 1 and len(words[start]) <= 2 and not after_city
        entry = _pick(candidates, bare_code=bare_code, context=context, prefer_countries=prefer_countries)
        if resolved and resolved[-1].kind == "city" and spans[-1][1] == start and entry.kind == "subdivision":
            resolved[-1] = Entry("city", entry.code, resolved[-1].name)
        resolved.append(entry)
        spans.append((start, end))
        previous_end, previous_kind = end, entry.kind
    return Found(tuple(resolved), tuple(spans))


# "US-based", "EU-only": the place and the word that follows it
_SUFFIXED = re.compile(r"(?<=[\w.])-(based|only|located|wide)\b", re.IGNORECASE)
_DC = re.compile(r"washington,?\s*d\.?\s?c\.?(?=\W|$)", re.IGNORECASE)


def _normalise_dc(text: str) -> str:
    # "Washington, D.C." is a city, not the state of Washington followed by a code
    return _DC.sub("Washington DC", text or "")


def _follows_comma(text: str, words: list[str], start: int) -> bool:
    """Whether the word at `start` comes right after "<word>," ("Springfield, IL")."""
    previous = words[start - 1]
    if _plain(previous) in _NOT_A_CITY:
        return False
    pattern = re.escape(previous) + r"\s*,\s*" + re.escape(words[start])
    return re.search(pattern, text) is not None
