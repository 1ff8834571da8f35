"""Text in the one spelling the inbox's rules are written for.

Mail clients and ATS templates write the same words with curly apostrophes, en dashes,
non-breaking spaces and hard line breaks every 72 characters; the rules are written once, in
lower case with straight apostrophes and single spaces, and everything is compared in that form.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201b": "'", "\u2032": "'", "`": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\u2060\ufeff]")
_NOT_WORD = re.compile(r"[^\w]+")


def clean(text: str) -> str:
    """Unicode-normalised text without control or zero-width characters; line breaks kept."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _DASHES.sub("-", text.translate(_QUOTES))


def normalise(text: str) -> str:
    """The form rules are matched against: clean, lower case, any run of white space one space."""
    return _SPACE.sub(" ", clean(text)).strip().lower()


def compact(text: str) -> str:
    """Letters and digits only, lower case: `Acme-Robotics, Inc.` → `acmeroboticsinc`."""
    return _NOT_WORD.sub("", normalise(text)).replace("_", "")


def words(text: str) -> list[str]:
    """Lower-case words (letters, digits, inner apostrophes/dots/ampersands dropped as separators)."""
    return [word for word in _NOT_WORD.split(normalise(text).replace("_", " ")) if word]
