"""What a file is, by content; text extraction limits; the heuristic CV parser."""

import time

import pytest

from profiles.cv_parsing.heuristic import parse_heuristically
from profiles.cv_parsing.shape import is_empty, normalise
from profiles.extraction import sniff
from profiles.extraction.runner import ExtractionError, extract_text
from profiles.tests.documents import CV_TEXT, PNG_BYTES, make_doc, make_docx, make_pdf, zlib_zeros


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (make_pdf(), "pdf"),
        (b"\n\n" + make_pdf(), "pdf"),
        (make_docx(), "docx"),
        (make_doc(), "doc"),
        (CV_TEXT.encode(), "txt"),
        ("Zoë Ångström\nCV".encode("utf-16"), "txt"),
        (PNG_BYTES, None),
        (b"PK\x03\x04" + bytes(100), None),  # a zip that is not a Word document
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), None),  # an OLE file without a WordDocument stream
        (b"\x7fELF\x02\x01\x01" + bytes(64), None),
        (b"", None),
    ],
)
def test_files_are_told_apart_by_their_bytes(data, kind):
    assert sniff.detect(data) == kind


def test_the_handmade_deflate_stream_inflates_to_zeros():
    import zlib

    assert zlib.decompress(zlib_zeros(100_000)) == bytes(1 + 258 * ((100_000 - 1) // 258))


def test_pdf_text_is_capped_in_characters(settings):
    settings.CV_TEXT_MAX_CHARS = 1000
    text = extract_text(make_pdf(["word " * 100] * 40), "pdf")
    assert len(text) == 1000


def test_a_damaged_pdf_is_a_clear_error():
    with pytest.raises(ExtractionError) as error:
        extract_text(b"%PDF-1.4\n this is not a pdf at all", "pdf")
    assert error.value.code == "unreadable"


def test_heuristic_parsing_reads_a_differently_laid_out_cv():
    text = """JANE Q. PUBLIC
jane@public.dev
+1 (555) 010-9999

PROFESSIONAL EXPERIENCE
Acme Corp | Lead Data Scientist | Mar 2018 - Current
• Built forecasting models in Python and Spark.
Globex — Data Analyst
06/2014 – 02/2018

EDUCATION
Massachusetts Institute of Technology, MSc in Statistics, 2014
"""
    parsed = normalise(parse_heuristically(text))
    assert parsed["email"] == "jane@public.dev" and parsed["phone"] == "+1 (555) 010-9999"
    assert parsed["experience"][0]["company"] == "Acme Corp"
    assert parsed["experience"][0]["title"] == "Lead Data Scientist"
    assert parsed["experience"][0]["start_date"] == "2018-03" and parsed["experience"][0]["end_date"] == "present"
    assert parsed["experience"][1]["company"] == "Globex" and parsed["experience"][1]["start_date"] == "2014-06"
    assert {"Python", "Spark"} <= set(parsed["skills"])
    assert parsed["education"][0]["degree"] == "MSc" and parsed["education"][0]["field"] == "Statistics"
    assert parsed["years_of_experience"] >= 7


def test_a_summary_on_its_heading_line_is_read():
    # given a CV whose summary shares the line of its heading, among the contact lines
    text = """Ada Lovelace
ada@example.com
Profile: linkedin.com/in/ada
Summary: Backend engineer with 8 years of experience building billing systems.

Skills
Python, PostgreSQL

Experience
Senior Engineer at Analytical Engines | 2019 - present
"""
    # when
    parsed = normalise(parse_heuristically(text))
    # then the line is the summary, the link is not, and the sections after it are read as before
    assert parsed["summary"] == "Backend engineer with 8 years of experience building billing systems."
    assert parsed["name"] == "Ada Lovelace"
    assert parsed["years_of_experience"] == 8
    assert {"Python", "PostgreSQL"} <= set(parsed["skills"])
    assert parsed["experience"][0]["company"] == "Analytical Engines"


def test_text_without_anything_cv_like_parses_to_nothing():
    assert is_empty(normalise(parse_heuristically("the quick brown fox jumps over the lazy dog")))


HOSTILE_SIZE = 100_000


@pytest.mark.parametrize(
    "text",
    [
        "a" * (HOSTILE_SIZE // 2) + "@" + "b." * (HOSTILE_SIZE // 4),  # an email that never ends
        "x" * HOSTILE_SIZE,  # one 100 KB word, no @ anywhere
        "1" * HOSTILE_SIZE + "a",  # a phone number that never ends
        "january" * (HOSTILE_SIZE // 7),  # a month that never ends
        "2020-" * (HOSTILE_SIZE // 5),  # a date range that never ends
        "Experience\n2019 - 2020 Engineer" + " " * HOSTILE_SIZE + "Acme",  # title/company separators over a space run
        "Education\nBSc" + " " * HOSTILE_SIZE + "i",  # "in" / list separators over a space run
        "Education\nUniversity " + "\t" * HOSTILE_SIZE + "x,",
        "1 years of " + "x " * (HOSTILE_SIZE // 2),
    ],
    ids=["email", "word", "phone", "month", "range", "experience-spaces", "education-spaces", "education-tabs", "years"],
)
def test_a_hostile_100_kb_cv_parses_in_linear_time(text):
    # given a CV shaped to make a backtracking pattern rescan one long run from every position
    started = time.perf_counter()

    # when it is parsed
    normalise(parse_heuristically(text))

    # then it finishes at once (a guard against the old quadratic patterns: 25-50 s, not a benchmark)
    assert time.perf_counter() - started < 2
