"""Hostile input never raises: random bytes, random MIME structures, random JSON, random text."""

from datetime import UTC, datetime
from email.message import EmailMessage

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.inbox.dates import calendar_start, mentions_in, moment_parse
from tracker.inbox.matching import ApplicationCandidate
from tracker.inbox.parsing import ParsedMessage, message_from_fields, message_parse
from tracker.inbox.suggestions import suggestion_build

FUZZ = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
APPLICATIONS = [ApplicationCandidate(id="a", company_name="Acme Robotics", role_title="Backend Engineer"),
                ApplicationCandidate(id="b", company_name="Ĉ", role_title="")]
SENT = datetime(2026, 3, 5, 12, tzinfo=UTC)

header_text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=200)
email_bits = st.sampled_from([
    "From: ", "To: ", "Subject: ", "Date: ", "Message-ID: <", ">", "Content-Type: multipart/mixed; boundary=\"b\"\n",
    "Content-Type: text/html; charset=", "Content-Transfer-Encoding: base64\n", "quoted-printable\n", "--b\n", "--b--\n",
    "message/rfc822\n", "text/calendar\n", "=?utf-8?q?", "=?x-unknown?b?", "?=", "\n\n", "\n", ": ", "@", "<a href=",
    "---------- Forwarded message ---------\n", "From: x <y@z.example>\nSubject: s\nDate: d\n", "> ", "=C3=", "=\n",
    "DTSTART;TZID=", "BEGIN:VEVENT\n", "utf-8", "Tuesday, March 10 at 2:30 PM EST", "\x00", "\xff",
])


def check(message: ParsedMessage) -> None:
    assert isinstance(message, ParsedMessage)
    assert message.date is None or message.date.tzinfo is not None
    suggestion = suggestion_build(message, applications=APPLICATIONS, user_timezone="America/New_York", use_llm=False)
    assert 0 <= suggestion.confidence <= 1
    proposed = suggestion.proposed
    if proposed is not None:
        proposed.as_dict()


@FUZZ
@given(st.binary(max_size=4000))
def test_random_bytes_never_raise(raw):
    check(message_parse(raw))


@FUZZ
@given(st.lists(st.one_of(email_bits, header_text), max_size=60))
def test_random_mime_shapes_never_raise(pieces):
    check(message_parse("".join(pieces).encode("utf-8", "surrogateescape")))


@FUZZ
@given(st.text(max_size=300), st.text(max_size=300), st.text(max_size=2000))
def test_random_headers_and_bodies_of_real_messages_never_raise(sender, subject, body):
    # given a well-formed message carrying hostile values
    message = EmailMessage()
    message["From"], message["Subject"] = "x@y.example", "s"
    message.set_content(body or " ")
    raw = message.as_bytes().replace(b"x@y.example", sender.encode("utf-8", "replace")[:300], 1)
    raw = raw.replace(b"Subject: s", b"Subject: " + subject.encode("utf-8", "replace").replace(b"\n", b" "), 1)
    check(message_parse(raw))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=200),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=10,
)


@FUZZ
@given(st.dictionaries(st.sampled_from(["from", "to", "subject", "date", "text", "html", "message_id", "in_reply_to",
                                        "references", "other"]), json_values))
def test_random_json_uploads_never_raise(data):
    check(message_from_fields(data))


@FUZZ
@given(st.text(max_size=1000), st.booleans())
def test_random_text_never_breaks_the_date_reader(text, month_first):
    for mention in mentions_in(text, sent_at=SENT, zone=UTC, month_first=month_first):
        assert mention.at.tzinfo is not None
    moment = moment_parse(text, zone=UTC, reference=SENT)
    assert moment is None or moment.tzinfo is not None
    start = calendar_start("BEGIN:VEVENT\nDTSTART" + text, zone=UTC)
    assert start is None or start.tzinfo is not None
