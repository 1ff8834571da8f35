"""The main text of an HTML page (pure: HTML in, text out; nothing is fetched).

A job page without a schema.org JobPosting is read through the pasted-job parser
(`jobs.extraction`), which expects the posting's text, not the site around it. So the text of
`<main>`, `<article>` or the element with `role="main"` is taken when the page has one with some
text in it, else the whole body; navigation, headers, footers, asides, forms, scripts and styles
are left out either way, and the page's first `<h1>` leads the text (the parser reads the first
line as the title).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from jobs.normalize import clean_line, clean_text

# Chrome around the posting, and what is never visible text.
_LEFT_OUT = frozenset(
    {"head", "script", "style", "noscript", "template", "svg", "iframe", "object", "nav", "header", "footer", "aside", "form", "button", "select"}
)
_MAIN = frozenset({"main", "article"})
_POSTING_PARTS = frozenset({"header", "footer"})
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "main", "blockquote", "dd", "dt", "table"}
)
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"})
# A main element with less text than this is a wrapper around nothing: the whole body is read instead.
MIN_MAIN_TEXT = 200


@dataclass
class _Region:
    """An element being read: its tag and how many of the same tag are open inside it."""

    tag: str
    depth: int = 1


@dataclass
class _Reading:
    body: list[str] = field(default_factory=list)
    main: list[str] = field(default_factory=list)
    heading: list[str] = field(default_factory=list)


class _PageText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.reading = _Reading()
        self._left_out: _Region | None = None
        self._main: _Region | None = None
        self._in_h1 = False
        self._h1_done = False

    def _enter(self, region: _Region | None, tag: str) -> None:
        if region is not None and region.tag == tag:
            region.depth += 1

    def _leave(self, region: _Region | None, tag: str) -> _Region | None:
        if region is not None and region.tag == tag:
            region.depth -= 1
            return region if region.depth else None
        return region

    def _append(self, text: str) -> None:
        self.reading.body.append(text)
        if self._main is not None:
            self.reading.main.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._enter(self._left_out, tag)
        self._enter(self._main, tag)
        if self._main is None and (tag in _MAIN or dict(attrs).get("role") == "main") and tag not in _VOID:
            self._main = _Region(tag)
        # A header inside the posting (an article's) carries its title; only the site's own is chrome.
        inside_main = self._main is not None and tag in _POSTING_PARTS
        if self._left_out is None and tag in _LEFT_OUT and tag not in _VOID and not inside_main:
            self._left_out = _Region(tag)
        if tag == "h1" and not self._h1_done and self._left_out is None:
            self._in_h1 = True
        if tag in _BLOCKS:
            self._append("\n- " if tag == "li" else "\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._append("\n")

    def handle_endtag(self, tag: str) -> None:
        self._left_out = self._leave(self._left_out, tag)
        self._main = self._leave(self._main, tag)
        if tag == "h1" and self._in_h1:
            self._in_h1, self._h1_done = False, True
        if tag in _BLOCKS:
            self._append("\n")

    def handle_data(self, data: str) -> None:
        if self._left_out is not None:
            return
        if self._in_h1:
            self.reading.heading.append(data)
        self._append(data)


def page_main_text(page_html: str, max_length: int) -> str:
    """The page's main text, led by its first `<h1>`, at most `max_length` characters."""
    parser = _PageText()
    try:
        parser.feed(page_html or "")
        parser.close()
    except (ValueError, AssertionError):  # HTMLParser gives up on some broken markup: keep what it read
        pass
    reading = parser.reading
    main = clean_text("".join(reading.main))
    text = main if len(main) >= MIN_MAIN_TEXT else clean_text("".join(reading.body))
    heading = clean_line("".join(reading.heading), 300)
    if heading and not text.startswith(heading):
        text = f"{heading}\n{text}"
    return clean_text(text, max_length)
