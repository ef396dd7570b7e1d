"""A local aiosmtpd server that keeps what it receives and refuses on cue, for tests and demo."""

from __future__ import annotations

import socket
import ssl
import threading
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any, Literal
from urllib.parse import quote

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

Command = Literal["MAIL", "RCPT", "DATA"]
DEFAULT_REPLIES: dict[int, str] = {
    421: "4.3.0 Service not available, closing channel",
    450: "4.2.1 Mailbox unavailable, try again later",
    451: "4.3.0 Local error in processing",
    452: "4.3.1 Insufficient system storage",
    550: "5.1.1 Mailbox unavailable",
    552: "5.3.4 Message size exceeds fixed limit",
    553: "5.1.3 Mailbox name not allowed",
    554: "5.7.1 Transaction failed",
}
ACCEPTED = "250 2.0.0 OK"
QUEUED = "250 2.0.0 Message accepted for delivery"
AUTH_REQUIRED = "530 5.7.0 Authentication required"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class ReceivedMessage:
    """One message as the server saw it: envelope, raw bytes and the parsed message."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes
    message: EmailMessage
    login: str | None
    tls: bool


class LocalSMTPServer:
    """aiosmtpd on 127.0.0.1, storing messages in `messages`; use it as a context manager."""

    def __init__(
        self,
        *,
        user: str | None = None,
        password: str | None = None,
        ssl_context: ssl.SSLContext | None = None,
        implicit_tls: bool = False,
        port: int | None = None,
    ):
        if (user is None) != (password is None):
            raise ValueError("give both user and password, or neither")
        if implicit_tls and ssl_context is None:
            raise ValueError("implicit_tls needs an ssl_context")
        self.user = user
        self.password = password
        self.ssl_context = ssl_context
        self.implicit_tls = implicit_tls
        self.host = "127.0.0.1"
        self.port = port or free_port()
        self._lock = threading.Lock()
        self._messages: list[ReceivedMessage] = []
        self._faults: dict[str, list[str]] = {"MAIL": [], "RCPT": [], "DATA": []}
        self._controller: Controller | None = None

    @property
    def url(self) -> str:
        """The SMTP_URL a messenger needs to reach this server, credentials included."""
        scheme = "smtps" if self.implicit_tls else "smtp"
        credentials = ""
        if self.user is not None and self.password is not None:
            credentials = f"{quote(self.user, safe='')}:{quote(self.password, safe='')}@"
        return f"{scheme}://{credentials}{self.host}:{self.port}"

    @property
    def messages(self) -> list[ReceivedMessage]:
        with self._lock:
            return list(self._messages)

    def clear(self) -> None:
        with self._lock:
            self._messages.clear()
            for queue in self._faults.values():
                queue.clear()

    def fail_next(self, command: Command, code: int, text: str | None = None) -> None:
        """Answer the next `command` (MAIL, RCPT or DATA) with this reply instead of accepting."""
        if command not in self._faults:
            raise ValueError(f"command must be MAIL, RCPT or DATA, got {command!r}")
        if not 400 <= code <= 599:
            raise ValueError(f"a refusal needs a 4xx or 5xx code, got {code}")
        reply = f"{code} {text or DEFAULT_REPLIES.get(code, 'Refused')}"
        with self._lock:
            self._faults[command].append(reply)

    def start(self) -> LocalSMTPServer:
        options: dict[str, Any] = {"ident": "Second Round test SMTP"}
        if self.user is not None:
            # aiosmtpd only counts STARTTLS as TLS; an implicit-TLS session is already encrypted.
            options.update(
                authenticator=self._authenticate,
                auth_require_tls=self.ssl_context is not None and not self.implicit_tls,
            )
        if self.ssl_context is not None and not self.implicit_tls:
            options["tls_context"] = self.ssl_context
        controller = Controller(
            _Handler(self),
            hostname=self.host,
            port=self.port,
            ssl_context=self.ssl_context if self.implicit_tls else None,
            **options,
        )
        controller.start()
        self._controller = controller
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> LocalSMTPServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _take_fault(self, command: str) -> str | None:
        with self._lock:
            queue = self._faults[command]
            return queue.pop(0) if queue else None

    def _record(self, message: ReceivedMessage) -> None:
        with self._lock:
            self._messages.append(message)

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        if not isinstance(auth_data, LoginPassword) or self.user is None:
            return AuthResult(success=False, handled=False)
        ok = (
            auth_data.login.decode("utf-8", "replace") == self.user
            and auth_data.password.decode("utf-8", "replace") == self.password
        )
        return AuthResult(success=ok, handled=False, auth_data=auth_data)


class _Handler:
    """aiosmtpd hooks: accept unless a fault is queued, and record every delivered message."""

    def __init__(self, owner: LocalSMTPServer):
        self.owner = owner

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list
    ) -> str:
        if self.owner.user is not None and not session.authenticated:
            return AUTH_REQUIRED
        if fault := self.owner._take_fault("MAIL"):
            return fault
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return ACCEPTED

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list
    ) -> str:
        if fault := self.owner._take_fault("RCPT"):
            return fault
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(options)
        return ACCEPTED

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if fault := self.owner._take_fault("DATA"):
            return fault
        raw = envelope.original_content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        parsed = BytesParser(policy=policy.default).parsebytes(raw)
        login = session.login_data.decode("utf-8", "replace") if session.login_data else None
        transport = server.transport
        self.owner._record(
            ReceivedMessage(
                mail_from=envelope.mail_from or "",
                rcpt_tos=tuple(envelope.rcpt_tos),
                raw=raw,
                message=parsed,  # type: ignore[arg-type]
                login=login,
                tls=transport is not None and transport.get_extra_info("ssl_object") is not None,
            )
        )
        return QUEUED
