"""The forwarding receiver, a real aiosmtpd server on a loopback port, spoken to with smtplib."""

from __future__ import annotations

import os
import signal
import smtplib
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tracker.inbox.models import InboxMessage, ReceivedVia
from tracker.inbox.parsing import MAX_MESSAGE_BYTES
from tracker.inbox.smtp import inbox_smtp_controller
from tracker.services.inbox import inbox_address, inbox_address_rotate, inbox_settings_ensure
from tracker.tests import factories

# The server stores messages from its own thread: the rows must be committed to be seen.
pytestmark = pytest.mark.django_db(transaction=True)

REJECTION = (
    b"From: Acme Robotics Recruiting <careers@acme-robotics.com>\r\n"
    b"To: Ada <ada@example.com>\r\n"
    b"Subject: Your application to Acme Robotics\r\n"
    b"Date: Thu, 03 Dec 2026 10:12:00 -0500\r\n"
    b"Message-ID: <fwd-1@acme-robotics.com>\r\n"
    b"\r\n"
    b"Dear Ada, thank you for your interest in the Senior Backend Engineer role at Acme Robotics. We regret to "
    b"inform you that we have decided to move forward with other candidates.\r\n"
)


@pytest.fixture
def receiver(settings, no_llm):
    settings.INBOX_DOMAIN = "inbox.careerhub.test"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = inbox_smtp_controller(host="127.0.0.1", port=port)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


def test_a_message_to_a_users_forwarding_address_lands_in_their_inbox_and_is_processed(receiver, user):
    # given
    acme = factories.application(user, company_name="Acme Robotics", role_title="Senior Backend Engineer", status="Applied")
    address = inbox_address(inbox_settings_ensure(user=user))

    # when
    with smtplib.SMTP("127.0.0.1", receiver, timeout=10) as client:
        refused = client.sendmail("ada@example.com", [address.upper()], REJECTION)

    # then
    assert refused == {}
    message = InboxMessage.objects.get(user=user)
    assert message.received_via == ReceivedVia.FORWARD
    assert message.subject == "Your application to Acme Robotics"
    assert message.application_id == acme.pk
    assert message.suggestion.proposed["status"] == "Rejected"


@pytest.mark.parametrize(
    "recipient",
    ["in+deadbeef@inbox.careerhub.test", "in+{token}@other.example", "someone@inbox.careerhub.test", "{token}@inbox.careerhub.test"],
)
def test_a_recipient_without_a_live_token_at_this_domain_is_refused_at_rcpt(receiver, user, recipient):
    # given
    token = inbox_settings_ensure(user=user).forwarding_token

    # when
    with smtplib.SMTP("127.0.0.1", receiver, timeout=10) as client, pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        client.sendmail("ada@example.com", [recipient.format(token=token)], REJECTION)

    # then
    assert next(iter(refused.value.recipients.values()))[0] == 550
    assert not InboxMessage.objects.exists()


def test_a_rotated_address_is_refused_and_the_new_one_accepted(receiver, user):
    # given
    old = inbox_address(inbox_settings_ensure(user=user))
    new = inbox_address(inbox_address_rotate(user=user))

    # when / then
    with smtplib.SMTP("127.0.0.1", receiver, timeout=10) as client:
        with pytest.raises(smtplib.SMTPRecipientsRefused):
            client.sendmail("ada@example.com", [old], REJECTION)
        assert client.sendmail("ada@example.com", [new], REJECTION) == {}
    assert InboxMessage.objects.filter(user=user).count() == 1


def test_a_message_over_the_size_cap_is_refused(receiver, user):
    # given
    address = inbox_address(inbox_settings_ensure(user=user))
    big = REJECTION + b"x" * (MAX_MESSAGE_BYTES + 1024) + b"\r\n"

    # when
    with smtplib.SMTP("127.0.0.1", receiver, timeout=30) as client, pytest.raises(
        (smtplib.SMTPDataError, smtplib.SMTPSenderRefused, smtplib.SMTPServerDisconnected)
    ):
        client.sendmail("ada@example.com", [address], big)

    # then
    assert not InboxMessage.objects.exists()


def test_one_message_to_two_users_reaches_each_once(receiver, user, other_user):
    # given
    addresses = [inbox_address(inbox_settings_ensure(user=u)) for u in (user, other_user)]

    # when the same message is sent twice
    with smtplib.SMTP("127.0.0.1", receiver, timeout=10) as client:
        client.sendmail("ada@example.com", addresses, REJECTION)
        client.sendmail("ada@example.com", addresses, REJECTION)

    # then
    assert sorted(InboxMessage.objects.values_list("user_id", flat=True)) == sorted([user.pk, other_user.pk])


def _wait_for_banner(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, "inbox_smtpd exited"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as connection:
                if connection.recv(512).startswith(b"220"):
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("inbox_smtpd did not answer within 30 s")


def test_the_management_command_serves_smtp_until_it_is_terminated():
    # given the command started as the compose service starts it
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {**os.environ, "INBOX_DOMAIN": "inbox.careerhub.test"}
    process = subprocess.Popen(
        [sys.executable, "manage.py", "inbox_smtpd", "--host", "127.0.0.1", "--port", str(port)],
        cwd=Path(__file__).resolve().parents[3], env=environment,
    )
    try:
        _wait_for_banner(port, process)

        # when a client speaks to it
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            hello, _ = client.ehlo()
            sender, _ = client.mail("ada@example.com")
            elsewhere, _ = client.rcpt("in+abc@elsewhere.example")

        # then it answers as an SMTP server that refuses other domains
        assert (hello, sender, elsewhere) == (250, 250, 550)
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
