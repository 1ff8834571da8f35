"""One email address, one identity: the canonical form every account and allowlist row stores.

An address is canonical when it is

* NFKC-normalised and case-folded (`ſam` is `sam`, `ＡＬＩＣＥ` is `alice`), applied as
  NFKC(casefold(NFKC(x))) because case folding can undo a normalisation;
* free of default-ignorable and other invisible characters (zero-width space, joiners, soft
  hyphen, bidi controls, variation selectors, tag characters, fillers): they are refused, not
  stripped, since a user who typed one did not mean the address without it;
* ASCII in its local part: Django's validator (which every email field uses) accepts non-ASCII
  there only for the four letters Python's case-insensitive matching equates with ASCII ones
  (`ı`, `İ`, `ſ`, the Kelvin sign) — exactly the look-alikes — so after normalisation a local
  part outside ASCII is refused, and one that mixes scripts (Latin `a` and Cyrillic `а`) is
  named as such;
* IDNA-encoded in its domain (UTS #46 mapping, then A-labels: `bücher.example` is stored as
  `xn--bcher-kva.example`), each label of one script.

Every lookup (register, login, allowlist, admin, management commands) compares the canonical
form by exact match, and the column is unique on it: the same on PostgreSQL and SQLite, where
`iexact` differed (PostgreSQL's UPPER() folds `ı` and `ſ` into ASCII; SQLite's does not).
"""

from __future__ import annotations

import contextlib
import unicodedata

import idna
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

MAX_LENGTH = 255

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt, Unicode 15), as ranges.
# Most are also format characters (category Cf), refused below anyway; the others are marks and
# fillers that render as nothing.
DEFAULT_IGNORABLE_RANGES = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)
# Control, format, surrogate, private use, unassigned, and every kind of space or separator.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"})
# Scripts that may share a label (UTS #39 "highly restrictive"): Latin with Han and the Japanese
# kana, with Han and Bopomofo, or with Han and Hangul.
_SCRIPT_MIXES_ALLOWED = (
    frozenset({"LATIN", "CJK", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "CJK", "BOPOMOFO"}),
    frozenset({"LATIN", "CJK", "HANGUL"}),
)


def _is_invisible(char: str) -> bool:
    point = ord(char)
    if any(low <= point <= high for low, high in DEFAULT_IGNORABLE_RANGES):
        return True
    return unicodedata.category(char) in _REFUSED_CATEGORIES


def _scripts(text: str) -> set[str]:
    """The scripts of the letters in `text`, by the first word of their Unicode names.

    Only letters count (digits and punctuation are common to every script; combining marks
    inherit their base's). The standard library has no Script property: the name's first word
    is that script for letters ("LATIN SMALL LETTER A", "CYRILLIC SMALL LETTER A",
    "CJK UNIFIED IDEOGRAPH-4E00", "HIRAGANA LETTER A").
    """
    scripts = set()
    for char in text:
        if unicodedata.category(char).startswith("L"):
            scripts.add(unicodedata.name(char, "UNKNOWN").split(" ", 1)[0].split("-", 1)[0])
    return scripts


def _mixes_scripts(text: str) -> bool:
    scripts = _scripts(text)
    return len(scripts) > 1 and not any(scripts <= allowed for allowed in _SCRIPT_MIXES_ALLOWED)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def _invalid(message: str) -> ValidationError:
    return ValidationError(message, code="invalid_email")


def _domain_canonical(domain: str) -> str:
    for label in domain.split("."):
        if _mixes_scripts(label):
            raise _invalid("The domain mixes letters of different scripts.")
    try:
        return idna.encode(domain, uts46=True).decode("ascii")
    except idna.IDNAError:
        raise _invalid("The domain is not a valid internationalised domain name.") from None


def email_canonical(raw: str) -> str:
    """The canonical form of an address a user types; ValidationError (code `invalid_email`) if refused."""
    text = (raw or "").strip()
    if any(_is_invisible(char) for char in text):
        raise _invalid("The address contains invisible characters (such as a zero-width space).")
    folded = _fold(text)
    if any(_is_invisible(char) for char in folded):
        raise _invalid("The address contains invisible characters (such as a zero-width space).")
    local, at, domain = folded.rpartition("@")
    if not at or not local or not domain:
        raise _invalid("Enter a valid email address.")
    if not local.isascii():
        if _mixes_scripts(local):
            raise _invalid("The part before @ mixes letters of different scripts.")
        raise _invalid("The part before @ may only use ASCII letters, digits and punctuation.")
    canonical = f"{local}@{_domain_canonical(domain)}"
    if len(canonical) > MAX_LENGTH:
        raise _invalid(f"The address is longer than {MAX_LENGTH} characters.")
    try:
        validate_email(canonical)
    except ValidationError:
        raise _invalid("Enter a valid email address.") from None
    return canonical


def email_lookup_key(raw: str) -> str | None:
    """The canonical form to look an address up by; None when no account can have it."""
    try:
        return email_canonical(raw)
    except ValidationError:
        return None


def email_canonical_lenient(stored: str) -> str:
    """The identity of an address already stored (the data migration): invisible characters
    dropped rather than refused, and a domain IDNA refuses kept case-folded, so that every
    existing row gets a key and rows that differ only by such tricks share it."""
    folded = _fold("".join(char for char in (stored or "").strip() if not _is_invisible(char)))
    local, _, domain = folded.rpartition("@")
    with contextlib.suppress(idna.IDNAError):
        domain = idna.encode(domain, uts46=True).decode("ascii")
    return f"{local}@{domain}"
