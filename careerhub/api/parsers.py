"""Body parsers with limits.

DRF's JSONParser reads the whole stream whatever its size and accepts any JSON document.
This one refuses, before any view sees them:
  * a body over DATA_UPLOAD_MAX_MEMORY_SIZE (413),
  * a document nested deeper than MAX_JSON_DEPTH (400) — nothing we store is that deep, and
    re-serialising such a value would fail later,
  * strings holding NUL characters or unpaired UTF-16 surrogates (400) — PostgreSQL cannot
    store either, so they would otherwise fail at the database.
"""

from io import BytesIO

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser, MultiPartParser

from careerhub.api.errors import PayloadTooLarge

MAX_JSON_DEPTH = 32


def unstorable_text_reason(text: str) -> str | None:
    """Why a string cannot be stored as text, or None when it can."""
    if "\x00" in text:
        return "contains a NUL character"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "contains an invalid Unicode character (an unpaired surrogate)"
    return None


def check_json_value(value) -> None:
    """Raise ParseError for a parsed JSON document that is too deep or holds unstorable text."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise ParseError(f"JSON parse error - the document is nested deeper than {MAX_JSON_DEPTH} levels.")
        if isinstance(item, str):
            reason = unstorable_text_reason(item)
            if reason:
                raise ParseError(f"JSON parse error - a string {reason}.")
        elif isinstance(item, dict):
            for key, child in item.items():
                reason = unstorable_text_reason(key)
                if reason:
                    raise ParseError(f"JSON parse error - a key {reason}.")
                stack.append((child, depth + 1))
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)


class LimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        if declared and declared.isdigit() and int(declared) > limit:
            raise PayloadTooLarge(f"The request body is larger than {limit} bytes.")
        if stream is None:
            return super().parse(stream, media_type, parser_context)
        body = stream.read(limit + 1)
        if len(body) > limit:
            raise PayloadTooLarge(f"The request body is larger than {limit} bytes.")
        try:
            data = super().parse(BytesIO(body), media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - the document is nested too deeply.") from None
        check_json_value(data)
        return data


class UploadParser(MultiPartParser):
    """multipart/form-data for the upload endpoints (the only ones that take it)."""
