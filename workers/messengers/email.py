"""Email delivery over SMTP, the candidate's default channel, with calendar invitations.

SMTP_URL forms:
- `smtp://[user:pass@]host[:port]` (port 25 by default): STARTTLS whenever the server offers it,
  with the certificate verified; `?starttls=require` fails when it is not offered and
  `?starttls=never` keeps the session in clear text.
- `smtps://[user:pass@]host[:port]` (port 465 by default): implicit TLS.
User and password are URL-decoded. A password is only ever sent over TLS, or to a loopback host.

A `text/calendar` attachment with a `method` parameter becomes what Gmail, Outlook and Apple Mail
look for: a `text/calendar; method=...; charset=utf-8` part as the last alternative next to the
text and HTML, plus the same data as an `application/ics` attachment named `invite.ics`.
"""

from __future__ import annotations

import ipaddress
import smtplib
import ssl
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from urllib.parse import parse_qs, unquote, urlsplit

from workers.messengers.base import (
    EmailAttachment,
    EmailContent,
    OutboundMessage,
    PermanentDeliveryError,
    Receipt,
    Recipient,
    TransientDeliveryError,
)

DEFAULT_PORTS = {"smtp": 25, "smtps": 465}
STARTTLS_MODES = ("auto", "require", "never")
RESERVED_HEADERS = frozenset(
    {
        "from",
        "to",
        "cc",
        "bcc",
        "subject",
        "message-id",
        "date",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
        "content-disposition",
    }
)
SERVER_TEXT_LIMIT = 300

CANNOT_EDIT = "an email cannot be changed once sent; send a new one instead"
INVALID_ADDRESS = "not a valid email address: {address}"
REFUSED = "the mail server refused the email: {code} {text}"
DEFERRED = "the mail server could not take the email for now: {code} {text}"
LOGIN_REFUSED = "the mail server refused the login: {code} {text}"
LOGIN_UNSUPPORTED = "the mail server does not accept a login with these settings: {detail}"
NO_STARTTLS = "the mail server does not offer STARTTLS, which SMTP_URL requires"
CLEAR_TEXT_LOGIN = "the mail server does not offer TLS; the password was not sent in clear text"
UNTRUSTED_CERTIFICATE = "the mail server's TLS certificate could not be verified: {detail}"
UNREACHABLE = "could not reach the mail server at {host}:{port}: {detail}"
NO_ANSWER = "the mail server at {host}:{port} did not answer within {timeout:g} s"
DISCONNECTED = "the mail server closed the connection: {detail}"
SMTP_FAILED = "the mail conversation failed: {detail}"
TEXT_WITHHELD = "(server text withheld: it quotes the message)"


class EmailMessenger:
    """Sends `OutboundMessage.email` to one address per message, one SMTP session per send."""

    channel = "email"

    def __init__(
        self,
        smtp_url: str,
        mail_from: str,
        timeout: float = 10,
        *,
        ssl_context: ssl.SSLContext | None = None,
    ):
        parts = urlsplit(smtp_url)
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
            raise ValueError("SMTP_URL must look like smtp://host:port or smtps://user:pass@host")
        try:
            port = parts.port
        except ValueError as error:
            raise ValueError("SMTP_URL has a malformed port") from error
        mode = parse_qs(parts.query).get("starttls", ["auto"])[-1].lower()
        if mode not in STARTTLS_MODES:
            raise ValueError(f"SMTP_URL starttls must be one of {', '.join(STARTTLS_MODES)}")
        sender = parseaddr(mail_from)[1]
        if "@" not in sender or any(c in mail_from for c in "\r\n"):
            raise ValueError(f"MAIL_FROM is not an email address: {mail_from!r}")

        self.implicit_tls = parts.scheme == "smtps"
        self.host = parts.hostname
        self.port = port or DEFAULT_PORTS[parts.scheme]
        self.user = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password is not None else ""
        self.starttls = mode
        self.mail_from = mail_from
        self.envelope_from = sender
        self.domain = sender.rpartition("@")[2]
        self.timeout = timeout
        self.ssl_context = ssl_context or ssl.create_default_context()

    def send(self, recipient: Recipient, message: OutboundMessage) -> Receipt:
        if recipient.channel != self.channel:
            raise ValueError(f"EmailMessenger cannot send to a {recipient.channel} recipient")
        if message.email is None:
            raise ValueError("an email needs OutboundMessage.email")
        email = self.compose(recipient, message.email)
        self._deliver(email, recipient.address, message.email)
        return Receipt(self.channel, recipient.address, str(email["Message-ID"]))

    def update(self, receipt: Receipt, message: OutboundMessage) -> None:
        raise PermanentDeliveryError(CANNOT_EDIT)

    def compose(self, recipient: Recipient, content: EmailContent) -> EmailMessage:
        """The full MIME message: text and HTML alternatives, invitation, attachments."""
        address = recipient.address.strip()
        try:
            if "@" not in address or any(c in address for c in "\r\n"):
                raise ValueError(address)
            to = Address(display_name=recipient.name, addr_spec=address)
        except (ValueError, IndexError) as error:
            raise PermanentDeliveryError(INVALID_ADDRESS.format(address=address)) from error

        email = EmailMessage(policy=policy.SMTP)
        email["From"] = self.mail_from
        email["To"] = to
        email["Subject"] = content.subject
        email["Date"] = format_datetime(datetime.now(UTC))
        email["Message-ID"] = make_msgid(domain=self.domain)
        email["Auto-Submitted"] = "auto-generated"
        for name, value in content.headers.items():
            if name.lower() in RESERVED_HEADERS:
                raise ValueError(f"header {name} is set by the messenger")
            if name in email:
                del email[name]
            email[name] = value

        email.set_content(content.text)
        email.add_alternative(content.html, subtype="html")
        invitations = [a for a in content.attachments if _is_invitation(a)]
        for invitation in invitations:
            email.add_alternative(
                invitation.data.decode("utf-8"),
                subtype="calendar",
                params={"method": invitation.params["method"].upper()},
                cte="7bit" if invitation.data.isascii() else "base64",
            )
        for invitation in invitations:
            filename = invitation.filename or "invite.ics"
            email.add_attachment(
                invitation.data, "application", "ics", filename=filename, params={"name": filename}
            )
        for attachment in content.attachments:
            if not _is_invitation(attachment):
                maintype, _, subtype = attachment.content_type.partition("/")
                email.add_attachment(
                    attachment.data,
                    maintype,
                    subtype or "octet-stream",
                    filename=attachment.filename,
                    params=dict(attachment.params),
                )
        return email

    def _deliver(self, email: EmailMessage, address: str, content: EmailContent) -> None:
        quoted = [content.subject, *content.text.splitlines(), *content.html.splitlines()]
        session: smtplib.SMTP | None = None
        try:
            session = self._open()
            self._secure_and_login(session, quoted)
            session.send_message(email, from_addr=self.envelope_from, to_addrs=[address])
        except smtplib.SMTPRecipientsRefused as error:
            code, text = next(iter(error.recipients.values()), (-1, b""))
            raise _by_code(code, text, quoted) from None
        except smtplib.SMTPResponseException as error:
            raise _by_code(error.smtp_code, error.smtp_error, quoted) from None
        except smtplib.SMTPServerDisconnected as error:
            if isinstance(error.__context__, TimeoutError):
                raise TransientDeliveryError(self._no_answer()) from None
            raise TransientDeliveryError(
                DISCONNECTED.format(detail=str(error) or "no reason")
            ) from None
        except smtplib.SMTPException as error:
            raise TransientDeliveryError(SMTP_FAILED.format(detail=type(error).__name__)) from None
        except ssl.SSLCertVerificationError as error:
            detail = error.verify_message or "unknown reason"
            raise PermanentDeliveryError(UNTRUSTED_CERTIFICATE.format(detail=detail)) from None
        except TimeoutError:
            raise TransientDeliveryError(self._no_answer()) from None
        except OSError as error:
            detail = (
                "connection refused"
                if isinstance(error, ConnectionRefusedError)
                else error.strerror or type(error).__name__
            )
            raise TransientDeliveryError(
                UNREACHABLE.format(host=self.host, port=self.port, detail=detail)
            ) from None
        finally:
            if session is not None:
                _close_quietly(session)

    def _open(self) -> smtplib.SMTP:
        if self.implicit_tls:
            return smtplib.SMTP_SSL(
                self.host,
                self.port,
                local_hostname=self.domain,
                timeout=self.timeout,
                context=self.ssl_context,
            )
        return smtplib.SMTP(self.host, self.port, local_hostname=self.domain, timeout=self.timeout)

    def _secure_and_login(self, session: smtplib.SMTP, quoted: list[str]) -> None:
        session.ehlo_or_helo_if_needed()
        encrypted = self.implicit_tls
        if not encrypted and self.starttls != "never":
            if session.has_extn("starttls"):
                session.starttls(context=self.ssl_context)
                session.ehlo()
                encrypted = True
            elif self.starttls == "require":
                raise PermanentDeliveryError(NO_STARTTLS)
        if self.user is None:
            return
        if not encrypted and not _is_loopback(self.host):
            raise PermanentDeliveryError(CLEAR_TEXT_LOGIN)
        try:
            session.login(self.user, self.password)
        except smtplib.SMTPAuthenticationError as error:
            text = _server_text(error.smtp_error, quoted)
            if 400 <= error.smtp_code < 500:
                raise TransientDeliveryError(
                    LOGIN_REFUSED.format(code=error.smtp_code, text=text)
                ) from None
            raise PermanentDeliveryError(
                LOGIN_REFUSED.format(code=error.smtp_code, text=text)
            ) from None
        except smtplib.SMTPNotSupportedError:
            raise PermanentDeliveryError(
                LOGIN_UNSUPPORTED.format(detail="no AUTH offered")
            ) from None
        except smtplib.SMTPResponseException:
            raise
        except smtplib.SMTPException as error:
            raise PermanentDeliveryError(LOGIN_UNSUPPORTED.format(detail=error)) from None

    def _no_answer(self) -> str:
        return NO_ANSWER.format(host=self.host, port=self.port, timeout=self.timeout)


def _is_invitation(attachment: EmailAttachment) -> bool:
    return attachment.content_type.lower() == "text/calendar" and "method" in attachment.params


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _server_text(raw: bytes | str, quoted: list[str]) -> str:
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    text = " ".join(text.split())
    lines = (" ".join(line.split()) for line in quoted)
    if any(len(line) >= 8 and line in text for line in lines):
        return TEXT_WITHHELD
    return text[:SERVER_TEXT_LIMIT]


def _by_code(
    code: int, raw: bytes | str, quoted: list[str]
) -> PermanentDeliveryError | TransientDeliveryError:
    text = _server_text(raw, quoted)
    if 500 <= code < 600:
        return PermanentDeliveryError(REFUSED.format(code=code, text=text))
    return TransientDeliveryError(DEFERRED.format(code=code, text=text))


def _close_quietly(session: smtplib.SMTP) -> None:
    try:
        session.quit()
    except (smtplib.SMTPException, OSError):
        session.close()
