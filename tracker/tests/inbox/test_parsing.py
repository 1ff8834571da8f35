from datetime import UTC, datetime, timedelta, timezone

from tracker.inbox.parsing import MAX_MESSAGE_BYTES, MAX_TEXT_CHARS, ParsedMessage, message_from_fields, message_parse
from tracker.tests.inbox import emails

EST = timezone(timedelta(hours=-5))


def test_it_reads_the_sender_subject_date_and_text_of_a_plain_email():
    # given
    raw = emails.plain("Hi Ada,\n\nThank you for applying!", subject="Thanks for applying to Acme Robotics")
    # when
    message = message_parse(raw)
    # then
    assert message.from_address == "careers@acme-robotics.com"
    assert message.from_name == "Acme Robotics Recruiting"
    assert message.sender_domain == "acme-robotics.com"
    assert message.subject == "Thanks for applying to Acme Robotics"
    assert message.date == datetime(2026, 3, 5, 10, 12, tzinfo=EST)
    assert message.message_id == "<plain-1@acme-robotics.com>"
    assert message.text == "Hi Ada,\n\nThank you for applying!"


def test_a_date_without_a_zone_is_read_as_utc():
    # given a Date header with the RFC 5322 "unknown zone" offset
    raw = emails.plain("Hello", date="Thu, 05 Mar 2026 10:12:00 -0000")
    # when
    message = message_parse(raw)
    # then
    assert message.date == datetime(2026, 3, 5, 10, 12, tzinfo=UTC)


def test_html_only_mail_is_converted_to_text_and_its_links_kept():
    # given
    raw = emails.base64_html(
        '<html><body><p>Dear Ada,</p><p>Pick a time <a href="https://calendly.com/x/30min?a=1&amp;b=2">here</a>.'
        "</p><script>alert(1)</script></body></html>"
    )
    # when
    message = message_parse(raw)
    # then
    assert "Dear Ada," in message.text and "Pick a time here." in message.text
    assert "alert" not in message.text
    assert message.links == ("https://calendly.com/x/30min?a=1&b=2",)


def test_the_plain_part_wins_over_html_unless_it_is_a_stub():
    # given one email with a real plain part and one whose plain part only says to open the HTML
    full = emails.built(text="We'd like to invite you to an interview on Tuesday.", html="<p>HTML version</p>")
    stub = emails.built(text="View in browser", html="<p>We'd like to invite you to an interview.</p>")
    # when
    from_full, from_stub = message_parse(full.as_bytes()), message_parse(stub.as_bytes())
    # then
    assert from_full.text == "We'd like to invite you to an interview on Tuesday."
    assert from_stub.text == "We'd like to invite you to an interview."


def test_a_calendar_part_is_kept_for_its_start_time():
    # given
    calendar = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260310T183000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    raw = emails.built(text="Invitation attached.", calendar=calendar).as_bytes()
    # when
    message = message_parse(raw)
    # then
    assert len(message.calendars) == 1
    assert "DTSTART:20260310T183000Z" in message.calendars[0]


def test_thread_headers_are_read_as_message_ids():
    # given
    raw = emails.plain("Thanks!", headers={
        "In-Reply-To": "<a1@mail.gmail.com>",
        "References": "<thread-0@acme-robotics.com>\n <a1@mail.gmail.com>",
    })
    # when
    message = message_parse(raw)
    # then
    assert message.in_reply_to == ("<a1@mail.gmail.com>",)
    assert message.references == ("<thread-0@acme-robotics.com>", "<a1@mail.gmail.com>")
    assert message.thread_ids == {"<a1@mail.gmail.com>", "<thread-0@acme-robotics.com>"}
    assert message.own_ids == ("<plain-1@acme-robotics.com>",)


def test_a_gmail_forward_is_about_the_original_sender():
    # given
    body = (
        "Can you believe it?\n\n---------- Forwarded message ---------\n"
        "From: Quillstone Hiring <no-reply@us.greenhouse-mail.io>\n"
        "Date: Thu, Mar 5, 2026 at 9:14 AM\nSubject: Your application to Quillstone\nTo: <ada@example.com>\n\n"
        "Hi Ada,\n\nWe have decided to move forward with other candidates.\n"
    )
    raw = emails.plain(body, sender=emails.ADA, subject="Fwd: Your application to Quillstone",
                       date="Fri, 06 Mar 2026 08:00:00 -0500")
    # when
    message = message_parse(raw)
    # then
    assert message.from_address == "no-reply@us.greenhouse-mail.io"
    assert message.from_name == "Quillstone Hiring"
    assert message.subject == "Your application to Quillstone"
    assert message.date == datetime(2026, 3, 5, 9, 14, tzinfo=EST)  # the forwarder's zone
    assert message.text == "Hi Ada,\n\nWe have decided to move forward with other candidates."
    assert message.forwarded_by == "ada@example.com"
    assert message.message_id == "<plain-1@acme-robotics.com>"  # the forward itself, for de-duplication


def test_an_apple_mail_forward_with_a_zone_in_its_date_is_read():
    # given
    body = (
        "Begin forwarded message:\n\nFrom: Tessellate Hiring <hiring@tessellate.dev>\n"
        "Subject: Software Engineer application\nDate: February 27, 2026 at 11:02:41 AM EST\n"
        "To: Ada Lovelace <ada@example.com>\n\nDear Ada, we regret to inform you...\n"
    )
    # when
    message = message_parse(emails.plain(body, sender=emails.ADA, subject="Fwd: Software Engineer application"))
    # then
    assert message.from_address == "hiring@tessellate.dev"
    assert message.date == datetime(2026, 2, 27, 11, 2, tzinfo=EST)
    assert message.text == "Dear Ada, we regret to inform you..."


def test_an_outlook_forward_is_recognised_by_its_header_block_and_the_fw_subject():
    # given Outlook's layout: underscores, then From/Sent/To/Subject, in German
    body = (
        "Look!!\n\nVon: Jana Vogel <jana.vogel@tidewater-health.de>\nGesendet: Donnerstag, 19. März 2026 17:45\n"
        "An: Ada Lovelace <ada@example.com>\nBetreff: Your offer of employment\n\nHallo Ada, we are pleased...\n"
    )
    # when
    message = message_parse(emails.plain(body, sender=emails.ADA, subject="WG: Your offer of employment"))
    # then
    assert message.from_address == "jana.vogel@tidewater-health.de"
    assert message.subject == "Your offer of employment"
    assert message.text == "Hallo Ada, we are pleased..."


def test_an_outlook_quote_without_a_forward_subject_is_a_reply():
    # given
    body = (
        "Sounds good, see you then.\n\n________________________________\nFrom: Ada Lovelace <ada@example.com>\n"
        "Sent: Monday, March 2, 2026 9:03 AM\nTo: Tom Reyes <tom@sable-insurance.com>\nSubject: Interview\n\n"
        "Tuesday works for me.\n"
    )
    # when
    message = message_parse(emails.plain(body, sender="Tom Reyes <tom@sable-insurance.com>", subject="RE: Interview"))
    # then
    assert message.from_address == "tom@sable-insurance.com"
    assert message.text == "Sounds good, see you then."
    assert "Tuesday works for me." in message.quoted
    assert message.forwarded_by == ""


def test_underscores_above_a_teams_footer_are_not_a_quote():
    # given
    body = "Invite attached.\n\nTom\n________________________________\nMicrosoft Teams meeting\nMeeting ID: 245 112\n"
    # when
    message = message_parse(emails.plain(body, subject="Invitation: architecture discussion"))
    # then
    assert "Meeting ID: 245 112" in message.text
    assert message.quoted == ""


def test_a_reply_keeps_its_own_words_apart_from_the_quoted_ones():
    # given Gmail's attribution wrapped over two lines, then "> " quotes
    body = (
        "Perfect, you're all set!\n\nOn Sun, Mar 1, 2026 at 8:14 PM Ada Lovelace <\nada@example.com> wrote:\n"
        "> Thursday, March 5 at 1pm EST works great for me.\n"
    )
    # when
    message = message_parse(emails.plain(body, subject="Re: Interview"))
    # then
    assert message.text == "Perfect, you're all set!"
    assert "Thursday, March 5 at 1pm EST works great for me." in message.quoted


def test_a_message_forwarded_as_an_attachment_is_read_with_its_own_ids():
    # given
    original = emails.built(text="We'd like to invite you to an interview.", subject="Interview - Acme Robotics")
    original["In-Reply-To"] = "<earlier@acme-robotics.com>"
    # when
    message = message_parse(emails.forwarded_as_attachment(original))
    # then
    assert message.from_address == "careers@acme-robotics.com"
    assert message.subject == "Interview - Acme Robotics"
    assert message.text == "We'd like to invite you to an interview."
    assert message.forwarded_by == "ada@example.com"
    assert message.message_id == "<outer-1@example.com>"
    assert message.original_message_id == original["Message-ID"]
    assert message.in_reply_to == ("<earlier@acme-robotics.com>",)
    assert message.own_ids == ("<outer-1@example.com>", original["Message-ID"])


def test_encoded_headers_and_an_unknown_charset_are_read_leniently():
    # given an RFC 2047 subject and a body in a charset Python does not know
    raw = (
        b"From: =?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <jm@nordlicht-energie.de>\nTo: ada@example.com\n"
        b"Subject: =?utf-8?b?RGFua2UgZsO8ciBkZWluZSBCZXdlcmJ1bmc=?=\nDate: Sun, 01 Feb 2026 11:20:00 +0100\n"
        b"Content-Type: text/plain; charset=x-unknown-8bit\n\nThank you for applying\xff!\n"
    )
    # when
    message = message_parse(raw)
    # then
    assert message.from_name == "Jürgen Müller"
    assert message.subject == "Danke für deine Bewerbung"
    assert message.text.startswith("Thank you for applying")


def test_a_json_upload_is_read_like_an_email():
    # given
    data = {
        "from": "Sam Ortiz <sam.ortiz@gmail.com>", "to": ["ada@example.com"], "subject": "  Wayfarer   update ",
        "date": "2026-02-24T17:31:00-05:00", "text": "Hey Ada,\n\nBad news I'm afraid.",
        "message_id": "abc@mail.gmail.com",
    }
    # when
    message = message_from_fields(data)
    # then
    assert message.from_address == "sam.ortiz@gmail.com" and message.from_name == "Sam Ortiz"
    assert message.to == ("ada@example.com",)
    assert message.subject == "Wayfarer update"
    assert message.date == datetime(2026, 2, 24, 17, 31, tzinfo=EST)
    assert message.message_id == "<abc@mail.gmail.com>"
    assert message.text == "Hey Ada,\n\nBad news I'm afraid."


def test_a_json_upload_with_values_of_the_wrong_type_is_read_as_far_as_it_goes():
    # when
    message = message_from_fields({"from": 42, "subject": ["a", 1], "date": {"x": 1}, "text": None, "to": {"a": 1}})
    # then
    assert message == ParsedMessage(subject="a")
    assert message_from_fields("not a mapping") == ParsedMessage()


def test_anything_that_is_not_an_email_is_an_empty_message():
    # then
    assert message_parse(b"") == ParsedMessage()
    assert message_parse("a str, not bytes") == ParsedMessage()
    assert message_parse(b"\x00\xff garbage without headers").from_address == ""


def test_the_text_and_the_message_are_capped():
    # given a body far past the caps
    huge = emails.plain("word " * (MAX_MESSAGE_BYTES // 5 + 10))
    # when
    message = message_parse(huge)
    # then
    assert len(huge) > MAX_MESSAGE_BYTES
    assert 0 < len(message.text) <= MAX_TEXT_CHARS
    assert message.from_address == "careers@acme-robotics.com"


def test_deeply_nested_parts_are_walked_only_so_deep():
    # given 40 nested multiparts with the text at the bottom
    head = "From: a@b.example\nTo: c@d.example\nSubject: nested\nMIME-Version: 1.0\n"
    parts = "".join(f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n' for i in range(40))
    raw = (head + parts + "Content-Type: text/plain\n\nburied\n").encode()
    # when
    message = message_parse(raw)
    # then
    assert message.subject == "nested"
    assert "buried" not in message.text


def test_the_excerpt_is_one_short_line():
    # given
    message = ParsedMessage(text="Hi Ada,\n\n" + "very long words " * 40)
    # when
    excerpt = message.excerpt(60)
    # then
    assert len(excerpt) == 60 and excerpt.endswith("…") and "\n" not in excerpt
