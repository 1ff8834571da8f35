"""Listeners for the safe fetcher's tests, on loopback addresses only.

A `Canary` accepts TCP connections and records each one: a test that expects a refusal
asserts that the canary received nothing. `TlsBoard` serves HTTPS with a certificate made
for the test (a throwaway CA), and records the name each client asked for (SNI).
"""

from __future__ import annotations

import datetime
import ipaddress
import socket
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


class Canary:
    """A TCP listener that must receive nothing."""

    def __init__(self, host: str, family: int = socket.AF_INET):
        self.sock = socket.socket(family, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, 0))
        self.sock.listen(16)
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while not self._stop.is_set():
            try:
                connection, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def stop(self):
        self._stop.set()
        self._thread.join(1)
        self.sock.close()


@pytest.fixture
def canary():
    """canary(host="127.0.0.1") -> a started Canary on a free port of that loopback address."""
    started: list[Canary] = []

    def start(host: str = "127.0.0.1") -> Canary:
        listener = Canary(host, socket.AF_INET6 if ":" in host else socket.AF_INET)
        started.append(listener)
        return listener

    yield start
    for listener in started:
        listener.stop()


class RawBoard:
    """HTTP written by hand on 127.0.0.1: sends `head` then `body` in `pieces`, `pause` seconds apart, and closes
    (no Content-Length, unless `head` says one)."""

    def __init__(self, head: bytes, body: bytes, pieces: int = 1, pause: float = 0.0):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.head, self.body, self.pieces, self.pause = head, body, pieces, pause
        self._stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                connection, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection):
        try:
            connection.recv(65536)
            connection.sendall(self.head)
            size = max(1, len(self.body) // self.pieces)
            for start in range(0, len(self.body), size):
                if self._stop.wait(self.pause):
                    break
                connection.sendall(self.body[start : start + size])
        except OSError:
            pass
        finally:
            connection.close()

    def stop(self):
        self._stop.set()
        self.sock.close()


@pytest.fixture
def raw_board():
    """raw_board(head, body, pieces=1, pause=0.0) -> a started RawBoard."""
    started: list[RawBoard] = []

    def start(head: bytes, body: bytes, pieces: int = 1, pause: float = 0.0) -> RawBoard:
        server = RawBoard(head, body, pieces, pause)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def make_certificate(names: list[str]):
    """A CA and a server certificate for `names`, as (ca_pem, cert_pem, key_pem)."""
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "careerhub test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False, data_encipherment=False,
                key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    alternative_names = [
        x509.IPAddress(ipaddress.ip_address(name)) if name[0].isdigit() else x509.DNSName(name) for name in names
    ]
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName(alternative_names), critical=False)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return (
        ca.public_bytes(serialization.Encoding.PEM),
        cert.public_bytes(serialization.Encoding.PEM),
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
    )


class TlsBoard:
    """HTTPS on 127.0.0.1 with a certificate for `names`; `client_context` trusts its CA; `server_names` records SNI."""

    def __init__(self, names: list[str], tmp_path):
        ca_pem, cert_pem, key_pem = make_certificate(names)
        (tmp_path / "cert.pem").write_bytes(cert_pem)
        (tmp_path / "key.pem").write_bytes(key_pem)
        self.client_context = ssl.create_default_context(cadata=ca_pem.decode())
        self.server_names: list[str | None] = []
        self.requests: list[dict] = []
        server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server_context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
        server_context.sni_callback = lambda sslobj, name, context: self.server_names.append(name)
        board = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                board.requests.append({"path": self.path, "headers": dict(self.headers)})
                body = b"<html><title>secure</title></html>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.socket = server_context.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def tls_board(tmp_path):
    """tls_board(names) -> a started TlsBoard."""
    started: list[TlsBoard] = []

    def start(names: list[str]) -> TlsBoard:
        server = TlsBoard(names, tmp_path)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def resolver(monkeypatch):
    """resolver({"board.test": ["127.0.0.1", ...]}): names answered by this table (each call takes the next
    answer of a list of answers), every other name as usual. Records each lookup in `resolver.lookups`."""
    real = socket.getaddrinfo

    class Table:
        lookups: list[str] = []

        def __call__(self, answers: dict[str, list]):
            self.answers = {name: list(values) for name, values in answers.items()}
            monkeypatch.setattr(socket, "getaddrinfo", self.getaddrinfo)
            return self

        def getaddrinfo(self, host, port, *args, **kwargs):
            self.lookups.append(host)
            if host in self.answers:
                values = self.answers[host]
                address = values.pop(0) if len(values) > 1 else values[0]
                family = socket.AF_INET6 if ":" in address else socket.AF_INET
                return [(family, socket.SOCK_STREAM, 6, "", (address, port))]
            return real(host, port, *args, **kwargs)

    table = Table()
    table.lookups = []
    return table
