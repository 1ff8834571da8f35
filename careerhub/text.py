"""Ending generated sentences.

Generated text often ends a sentence with something it did not write — a company ("TechCorp
Inc."), a role ("Sr."), a place ("Washington D.C.") or a quoted line ("…"). Adding a full stop
to those doubles the punctuation ("TechCorp Inc.."); `sentence_end` adds one only when needed.
"""

from __future__ import annotations

# Marks that already end a sentence (a closing quote or bracket after one still counts).
_ENDINGS = (".", "!", "?", "…")
_CLOSERS = "\"')]”’»"


def sentence_end(text: str, mark: str = ".") -> str:
    """`text` ending with a sentence mark: `mark` is added unless it already ends with one."""
    stripped = text.rstrip()
    if not stripped:
        return stripped
    if stripped.rstrip(_CLOSERS).endswith(_ENDINGS):
        return stripped
    return stripped + mark
