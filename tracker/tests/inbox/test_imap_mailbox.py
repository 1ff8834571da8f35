"""The mailbox reader against a real Dovecot started here: a throwaway config on a loopback port,
plaintext login allowed on loopback, one passwd-file user, Maildir in a temporary directory."""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.db import connection

from tracker.inbox.models import InboxMailbox, InboxMessage, ReceivedVia
from tracker.inbox.secrets import secret_decrypt
from tracker.services.inbox import inbox_mailbox_read
from tracker.tests import factories

pytestmark = pytest.mark.django_db

IMAP = "/api/v1/inbox/imap"
USERNAME, PASSWORD = "ada@example.com", "correct horse battery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _mail_owner() -> tuple[int, int]:
    # Dovecot refuses to deliver mail as root: a root test run stores it as `nobody`.
    if os.getuid() != 0:
        return os.getuid(), os.getgid()
    nobody = pwd.getpwnam("nobody")
    return nobody.pw_uid, nobody.pw_gid


class Dovecot:
    def __init__(self, root: Path, port: int) -> None:
        self.root, self.port = root, port

    def append(self, raw: bytes) -> None:
        client = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        try:
            client.login(USERNAME, PASSWORD)
            status, data = client.append("INBOX", None, None, raw)
            assert status == "OK", data
        finally:
            client.logout()


@pytest.fixture
def dovecot(settings):
    if shutil.which("dovecot") is None and not Path("/usr/sbin/dovecot").exists():
        pytest.fail("dovecot-imapd is not installed (.ci/test installs it)")
    # Not under pytest's tmp_path (mode 0700): Dovecot's unprivileged processes read the passwd
    # file and the Maildir, so every directory on the way must be traversable.
    root = Path(tempfile.mkdtemp(prefix="careerhub-dovecot-"))
    root.chmod(0o755)
    (root / "run").mkdir()
    (root / "state").mkdir()
    (root / "home").mkdir()
    uid, gid = _mail_owner()
    os.chown(root / "home", uid, gid)
    (root / "passwd").write_text(f"{USERNAME}:{{PLAIN}}{PASSWORD}\n")
    port = _free_port()
    (root / "dovecot.conf").write_text(f"""
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
mail_location = maildir:{root}/home/%u/Maildir
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = 0
  }}
}}
""")
    binary = shutil.which("dovecot") or "/usr/sbin/dovecot"
    subprocess.run([binary, "-c", str(root / "dovecot.conf")], check=True, timeout=30)
    pid_file = root / "run" / "master.pid"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    settings.URL_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    try:
        yield Dovecot(root, port)
    finally:
        if pid_file.exists():
            pid = int(pid_file.read_text().strip())
            os.kill(pid, signal.SIGTERM)
            for _ in range(100):
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.05)
        shutil.rmtree(root, ignore_errors=True)


def email(n: int, *, subject: str = "Your application to Acme Robotics") -> bytes:
    return (
        "From: Acme Robotics Recruiting <careers@acme-robotics.com>\r\n"
        "To: Ada <ada@example.com>\r\n"
        f"Subject: {subject}\r\n"
        "Date: Thu, 03 Dec 2026 10:12:00 -0500\r\n"
        f"Message-ID: <imap-{n}@acme-robotics.com>\r\n"
        "\r\n"
        "Dear Ada, thank you for your interest in the Senior Backend Engineer role at Acme Robotics. We regret to "
        "inform you that we have decided to move forward with other candidates.\r\n"
    ).encode()


def connect(client, dovecot, **overrides):
    body = {"host": "127.0.0.1", "port": dovecot.port, "username": USERNAME, "password": PASSWORD,
            "folder": "INBOX", "use_ssl": False, **overrides}
    return client.put(IMAP, body, format="json")


def test_a_connected_mailbox_keeps_its_password_encrypted_and_never_returns_it(auth_client, user, dovecot):
    # when
    response = connect(auth_client, dovecot)

    # then
    assert response.status_code == 200, response.json()
    assert "password" not in response.json()
    assert PASSWORD not in response.content.decode()
    assert "password" not in auth_client.get(IMAP).json()
    with connection.cursor() as cursor:
        cursor.execute("SELECT password_encrypted FROM tracker_inboxmailbox WHERE user_id = %s", [user.pk])
        (stored,) = cursor.fetchone()
    assert PASSWORD not in stored
    assert PASSWORD.encode() not in stored.encode()
    assert secret_decrypt(stored) == PASSWORD


def test_the_reader_reads_each_new_message_once_and_the_pipeline_processes_it(
    auth_client, user, dovecot, no_llm, django_capture_on_commit_callbacks
):
    # given an application and two emails waiting in the mailbox
    acme = factories.application(user, company_name="Acme Robotics", role_title="Senior Backend Engineer", status="Applied")
    dovecot.append(email(1))
    dovecot.append(email(2, subject="Newsletter"))

    # when the mailbox is connected (its first read runs after commit)
    with django_capture_on_commit_callbacks(execute=True):
        assert connect(auth_client, dovecot).status_code == 200

    # then both were read, once, and processed
    messages = InboxMessage.objects.filter(user=user)
    assert messages.count() == 2
    assert set(messages.values_list("received_via", flat=True)) == {ReceivedVia.IMAP}
    assert messages.get(message_id="<imap-1@acme-robotics.com>").application_id == acme.pk
    mailbox = InboxMailbox.objects.get(user=user)
    assert mailbox.last_uid == 2
    assert mailbox.last_error == ""
    assert auth_client.get(IMAP).json()["last_success_at"] is not None

    # when read again, and again after a third email
    assert inbox_mailbox_read(mailbox_id=str(mailbox.pk)) == 0
    dovecot.append(email(3))
    assert inbox_mailbox_read(mailbox_id=str(mailbox.pk)) == 1

    # then
    assert messages.count() == 3
    assert InboxMailbox.objects.get(user=user).last_uid == 3


def test_a_run_reads_at_most_the_batch_size_and_the_next_run_goes_on(auth_client, user, dovecot, no_llm, settings):
    # given
    settings.INBOX_IMAP_BATCH_SIZE = 2
    for n in range(5):
        dovecot.append(email(n))
    connect(auth_client, dovecot)
    mailbox_id = str(InboxMailbox.objects.get(user=user).pk)

    # when / then
    assert inbox_mailbox_read(mailbox_id=mailbox_id) == 2
    assert inbox_mailbox_read(mailbox_id=mailbox_id) == 2
    assert inbox_mailbox_read(mailbox_id=mailbox_id) == 1
    assert inbox_mailbox_read(mailbox_id=mailbox_id) == 0
    assert InboxMessage.objects.filter(user=user).count() == 5


def test_a_refused_login_is_shown_in_last_error_and_not_raised(auth_client, user, dovecot):
    # given
    connect(auth_client, dovecot, password="wrong")
    mailbox = InboxMailbox.objects.get(user=user)

    # when
    read = inbox_mailbox_read(mailbox_id=str(mailbox.pk))

    # then
    assert read == 0
    body = auth_client.get(IMAP).json()
    assert body["last_error"]
    assert body["last_run_at"] is not None
    assert body["last_success_at"] is None


def test_an_unreachable_server_is_recorded_and_raised_for_the_task_to_retry(auth_client, user, dovecot):
    # given a port nothing listens on
    connect(auth_client, dovecot, port=_free_port())
    mailbox = InboxMailbox.objects.get(user=user)

    # when / then
    with pytest.raises(OSError):
        inbox_mailbox_read(mailbox_id=str(mailbox.pk))
    assert "could not be reached" in InboxMailbox.objects.get(pk=mailbox.pk).last_error


@pytest.mark.parametrize("host", ["127.0.0.1", "10.1.2.3", "169.254.169.254", "localhost", "[::1]"])
def test_a_private_host_is_refused_as_the_safe_fetcher_refuses_it(auth_client, host, settings):
    # given no allowlist
    settings.URL_FETCH_ALLOWED_HOSTS = []

    # when
    response = auth_client.put(IMAP, {"host": host, "username": USERNAME, "password": PASSWORD}, format="json")

    # then
    assert response.status_code == 400, response.json()
    assert "host" in response.json()["errors"]
    assert not InboxMailbox.objects.exists()


def test_without_an_encryption_key_no_mailbox_can_be_connected(auth_client, settings):
    # given
    settings.INBOX_ENCRYPTION_KEY = []

    # when
    response = auth_client.put(IMAP, {"host": "imap.example.com", "username": USERNAME, "password": PASSWORD}, format="json")

    # then
    assert response.status_code == 503
    assert not InboxMailbox.objects.exists()


def test_a_password_stored_under_a_key_no_longer_configured_is_an_error_not_a_crash(auth_client, user, dovecot, settings):
    # given
    connect(auth_client, dovecot)
    settings.INBOX_ENCRYPTION_KEY = [Fernet.generate_key().decode()]

    # when
    read = inbox_mailbox_read(mailbox_id=str(InboxMailbox.objects.get(user=user).pk))

    # then
    assert read == 0
    assert "decrypt" in auth_client.get(IMAP).json()["last_error"]


def test_disconnecting_deletes_the_credentials_and_keeps_the_messages(auth_client, user, dovecot, no_llm):
    # given
    dovecot.append(email(1))
    connect(auth_client, dovecot)
    inbox_mailbox_read(mailbox_id=str(InboxMailbox.objects.get(user=user).pk))

    # when
    response = auth_client.delete(IMAP)

    # then
    assert response.status_code == 200
    assert auth_client.get(IMAP).status_code == 404
    assert not InboxMailbox.objects.exists()
    assert InboxMessage.objects.filter(user=user).count() == 1


def test_someone_elses_mailbox_is_neither_shown_nor_deleted(auth_client, other_client, user, dovecot):
    # given
    connect(auth_client, dovecot)

    # then
    assert other_client.get(IMAP).status_code == 404
    assert other_client.delete(IMAP).status_code == 404
    assert InboxMailbox.objects.filter(user=user).exists()
