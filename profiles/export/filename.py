"""A download name built from user text, safe in a Content-Disposition header (RFC 6266).

The name comes from the person's name and the version's name, both user text: nothing of it may
end the header value or point elsewhere. `filename=` carries an ASCII fallback made only of
letters, digits, spaces, dots, hyphens and underscores (accents folded: "Zoë" → "Zoe", other
characters an underscore); when
the name has anything beyond ASCII, `filename*=UTF-8''...` (RFC 5987 percent-encoding) carries
it exactly, minus control characters, quotes, slashes and backslashes.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

MAX_STEM = 100
FALLBACK_STEM = "resume"

_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f"\\/:*?<>|;\u2028\u2029]+')
_NOT_ASCII_SAFE = re.compile(r"[^A-Za-z0-9._ -]+")
_SPACES = re.compile(r"\s+")


def _tidy(stem: str) -> str:
    return _SPACES.sub(" ", stem).strip(" .-_")[:MAX_STEM].strip(" .-_")


def safe_stem(name: str) -> str:
    """The name without anything unsafe in a file name; may be non-ASCII."""
    return _tidy(_UNSAFE.sub(" ", unicodedata.normalize("NFC", name or ""))) or FALLBACK_STEM


def ascii_stem(name: str) -> str:
    """Accents folded ("Zoë" → "Zoe"), anything else outside the safe set an underscore."""
    decomposed = unicodedata.normalize("NFKD", safe_stem(name))
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _tidy(_NOT_ASCII_SAFE.sub("_", folded)) or FALLBACK_STEM


def content_disposition(name: str, extension: str) -> str:
    """`attachment; filename="<ascii>.<ext>"`, plus `filename*` when the name is not plain ASCII."""
    unicode_name = f"{safe_stem(name)}.{extension}"
    ascii_name = f"{ascii_stem(name)}.{extension}"
    header = f'attachment; filename="{ascii_name}"'
    if unicode_name != ascii_name:
        header += f"; filename*=UTF-8''{quote(unicode_name, safe='')}"
    return header
