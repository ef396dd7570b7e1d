"""EmailMessenger through real SMTP conversations with the local aiosmtpd server."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from icalendar import Calendar

from plugin.devtools.smtp_server import LocalSMTPServer, ReceivedMessage, free_port
from plugin.domain.invitation import build_invitation
from workers.messengers.base import (
    EmailAttachment,
    EmailContent,
    OutboundMessage,
    PermanentDeliveryError,
    Receipt,
    Recipient,
    TransientDeliveryError,
)
from workers.messengers.email import EmailMessenger

MAIL_FROM = "Second Round <hiring@example.com>"
CANDIDATE = Recipient("email", "zoe@example.org", "Zoë Müller")
SECRET_LINE = "Concern to probe: left the last two jobs within a year."
UNSUBSCRIBE = "<https://secondround.example.com/unsubscribe/h-42>"
START = datetime(2026, 3, 9, 14, 30, tzinfo=UTC)


def content(*attachments: EmailAttachment, text: str = "") -> EmailContent:
    return EmailContent(
        subject="Your second interview at Example — Monday 9 March",
        text=text or f"Hello Zoë,\nYou will meet Dana Kim.\n{SECRET_LINE}\n",
        html=f"<p>Hello Zoë,</p><p>You will meet Dana Kim.</p><p>{SECRET_LINE}</p>",
        headers={
            "List-Unsubscribe": UNSUBSCRIBE,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        attachments=attachments,
    )


def invite(sequence: int = 0, method: str = "REQUEST", start: datetime = START) -> EmailAttachment:
    data = build_invitation(
        uid="h-42@secondround",
        sequence=sequence,
        method=method,  # type: ignore[arg-type]
        start=start,
        minutes=45,
        summary="Second interview: Staff Engineer",
        description="You will meet Dana Kim, Engineering Manager.",
        location="https://meet.example.com/abc",
        organizer_email="hiring@example.com",
        organizer_name="Second Round",
        attendee_email=CANDIDATE.address,
        attendee_name=CANDIDATE.name,
        now=datetime(2026, 3, 2, tzinfo=UTC),
    )
    return EmailAttachment("invite.ics", "text/calendar", data, {"method": method})


def message(body: EmailContent) -> OutboundMessage:
    return OutboundMessage(text=body.subject, email=body)


def only(server: LocalSMTPServer) -> ReceivedMessage:
    assert len(server.messages) == 1
    return server.messages[0]


def calendar_parts(email: EmailMessage) -> list[EmailMessage]:
    return [p for p in email.walk() if p.get_content_type() == "text/calendar"]


@pytest.fixture(scope="module")
def plain_server() -> Iterator[LocalSMTPServer]:
    with LocalSMTPServer() as server:
        yield server


@pytest.fixture
def server(plain_server: LocalSMTPServer) -> LocalSMTPServer:
    plain_server.clear()
    return plain_server


@pytest.fixture
def messenger(server: LocalSMTPServer) -> EmailMessenger:
    return EmailMessenger(server.url, MAIL_FROM, timeout=5)


# A delivered message


def test_headers_and_receipt(server: LocalSMTPServer, messenger: EmailMessenger) -> None:
    receipt = messenger.send(CANDIDATE, message(content()))
    received = only(server)
    email = received.message
    assert received.mail_from == "hiring@example.com"
    assert received.rcpt_tos == ("zoe@example.org",)
    assert email["From"] == MAIL_FROM
    assert email["To"].addresses[0].addr_spec == "zoe@example.org"
    assert email["To"].addresses[0].display_name == "Zoë Müller"
    assert email["Subject"] == "Your second interview at Example — Monday 9 March"
    assert email["List-Unsubscribe"] == UNSUBSCRIBE
    assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert email["Auto-Submitted"] == "auto-generated"
    assert email["Date"].datetime.tzinfo is not None
    assert receipt == Receipt("email", "zoe@example.org", email["Message-ID"])
    assert receipt.message_id.startswith("<") and receipt.message_id.endswith("@example.com>")


def test_text_and_html_are_alternatives(server: LocalSMTPServer, messenger: EmailMessenger) -> None:
    messenger.send(CANDIDATE, message(content()))
    email = only(server).message
    assert email.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in email.iter_parts()] == ["text/plain", "text/html"]
    assert email.get_body(("plain",)).get_content().splitlines()[0] == "Hello Zoë,"
    assert "<p>Hello Zoë,</p>" in email.get_body(("html",)).get_content()
    assert b"\r\n" in only(server).raw
    assert b"\n" not in only(server).raw.replace(b"\r\n", b"")


def test_message_ids_are_unique(server: LocalSMTPServer, messenger: EmailMessenger) -> None:
    first = messenger.send(CANDIDATE, message(content()))
    second = messenger.send(CANDIDATE, message(content()))
    assert first.message_id != second.message_id
    assert [m.message["Message-ID"] for m in server.messages] == [
        first.message_id,
        second.message_id,
    ]


# The invitation, the way calendar clients look for it


def test_invitation_is_an_alternative_and_an_attachment(
    server: LocalSMTPServer, messenger: EmailMessenger
) -> None:
    attachment = invite()
    messenger.send(CANDIDATE, message(content(attachment)))
    email = only(server).message
    assert email.get_content_type() == "multipart/mixed"
    alternative, ics = list(email.iter_parts())
    assert [p.get_content_type() for p in alternative.iter_parts()] == [
        "text/plain",
        "text/html",
        "text/calendar",
    ]
    part = list(alternative.iter_parts())[2]
    assert part.get_param("method") == "REQUEST"
    assert part.get_content_charset() == "utf-8"
    assert part.get_content_disposition() is None
    assert ics.get_content_type() == "application/ics"
    assert ics.get_filename() == "invite.ics"
    assert ics.get_content_disposition() == "attachment"
    assert ics.get_content() == attachment.data
    calendar = Calendar.from_ical(part.get_content())
    assert calendar["METHOD"] == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert event["UID"] == "h-42@secondround"
    assert event.decoded("DTSTART") == START


def test_reschedule_and_cancel_keep_the_uid(
    server: LocalSMTPServer, messenger: EmailMessenger
) -> None:
    messenger.send(CANDIDATE, message(content(invite(0))))
    messenger.send(CANDIDATE, message(content(invite(1, start=START + timedelta(days=1)))))
    messenger.send(CANDIDATE, message(content(invite(2, method="CANCEL"))))
    parts = [calendar_parts(m.message)[0] for m in server.messages]
    calendars = [Calendar.from_ical(p.get_content()) for p in parts]
    events = [c.walk("VEVENT")[0] for c in calendars]
    assert [p.get_param("method") for p in parts] == ["REQUEST", "REQUEST", "CANCEL"]
    assert [c["METHOD"] for c in calendars] == ["REQUEST", "REQUEST", "CANCEL"]
    assert {str(e["UID"]) for e in events} == {"h-42@secondround"}
    assert [e.decoded("SEQUENCE") for e in events] == [0, 1, 2]
    assert [str(e["STATUS"]) for e in events] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
    assert events[1].decoded("DTSTART") == START + timedelta(days=1)


def test_other_attachments_are_plain_attachments(
    server: LocalSMTPServer, messenger: EmailMessenger
) -> None:
    pdf = EmailAttachment("prep.pdf", "application/pdf", b"%PDF-1.7 fake")
    messenger.send(CANDIDATE, message(content(pdf)))
    email = only(server).message
    attachments = list(email.iter_attachments())
    assert [(a.get_content_type(), a.get_filename()) for a in attachments] == [
        ("application/pdf", "prep.pdf")
    ]
    assert attachments[0].get_content() == b"%PDF-1.7 fake"
    assert calendar_parts(email) == []


# Logging in


def test_login_with_url_decoded_credentials() -> None:
    with LocalSMTPServer(user="hiring@example.com", password="p@ss:w/rd %") as server:
        assert "p%40ss%3Aw%2Frd%20%25" in server.url
        EmailMessenger(server.url, MAIL_FROM, timeout=5).send(CANDIDATE, message(content()))
        assert only(server).login == "hiring@example.com"


def test_wrong_password_is_permanent() -> None:
    with LocalSMTPServer(user="hiring", password="right") as server:
        url = server.url.replace(":right@", ":wrong@")
        with pytest.raises(PermanentDeliveryError) as failure:
            EmailMessenger(url, MAIL_FROM, timeout=5).send(CANDIDATE, message(content()))
        assert "535" in failure.value.reason
        assert server.messages == []


def test_missing_login_is_permanent() -> None:
    with LocalSMTPServer(user="hiring", password="right") as server:
        url = f"smtp://{server.host}:{server.port}"
        with pytest.raises(PermanentDeliveryError) as failure:
            EmailMessenger(url, MAIL_FROM, timeout=5).send(CANDIDATE, message(content()))
        assert "530" in failure.value.reason


# Refusals and outages


@pytest.mark.parametrize(
    ("command", "code", "error"),
    [
        ("RCPT", 450, TransientDeliveryError),
        ("RCPT", 550, PermanentDeliveryError),
        ("DATA", 451, TransientDeliveryError),
        ("DATA", 554, PermanentDeliveryError),
        ("MAIL", 421, TransientDeliveryError),
        ("MAIL", 553, PermanentDeliveryError),
    ],
)
def test_refusals_map_by_code(
    server: LocalSMTPServer,
    messenger: EmailMessenger,
    command: str,
    code: int,
    error: type[Exception],
) -> None:
    server.fail_next(command, code)  # type: ignore[arg-type]
    with pytest.raises(error) as failure:
        messenger.send(CANDIDATE, message(content(invite())))
    reason = failure.value.reason  # type: ignore[attr-defined]
    assert str(code) in reason
    assert SECRET_LINE not in reason and "Dana Kim" not in reason
    assert SECRET_LINE not in str(failure.value)
    assert failure.value.__cause__ is None
    assert server.messages == []
    messenger.send(CANDIDATE, message(content()))
    assert len(server.messages) == 1


def test_permanent_reason_names_code_and_server_text(
    server: LocalSMTPServer, messenger: EmailMessenger
) -> None:
    server.fail_next("RCPT", 550, "5.1.1 <zoe@example.org>: Recipient address rejected")
    with pytest.raises(PermanentDeliveryError) as failure:
        messenger.send(CANDIDATE, message(content()))
    assert failure.value.reason == (
        "the mail server refused the email: 550 5.1.1 <zoe@example.org>: Recipient address rejected"
    )


def test_transient_error_has_no_retry_after(
    server: LocalSMTPServer, messenger: EmailMessenger
) -> None:
    server.fail_next("RCPT", 450)
    with pytest.raises(TransientDeliveryError) as failure:
        messenger.send(CANDIDATE, message(content()))
    assert failure.value.retry_after is None
    assert "450 4.2.1" in failure.value.reason


def test_server_text_quoting_the_body_is_withheld(
    server: LocalSMTPServer, messenger: EmailMessenger
) -> None:
    server.fail_next("DATA", 550, f"5.7.1 Content rejected: {SECRET_LINE}")
    with pytest.raises(PermanentDeliveryError) as failure:
        messenger.send(CANDIDATE, message(content()))
    assert "550" in failure.value.reason
    assert SECRET_LINE not in failure.value.reason
    assert "withheld" in failure.value.reason


def test_connection_refused_is_transient() -> None:
    port = free_port()
    messenger = EmailMessenger(f"smtp://127.0.0.1:{port}", MAIL_FROM, timeout=5)
    with pytest.raises(TransientDeliveryError) as failure:
        messenger.send(CANDIDATE, message(content()))
    assert failure.value.reason == (
        f"could not reach the mail server at 127.0.0.1:{port}: connection refused"
    )


def test_a_silent_server_times_out_as_transient() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        messenger = EmailMessenger(f"smtp://127.0.0.1:{port}", MAIL_FROM, timeout=0.2)
        with pytest.raises(TransientDeliveryError) as failure:
            messenger.send(CANDIDATE, message(content()))
    assert failure.value.reason.endswith(f"{port} did not answer within 0.2 s")


# TLS


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is needed to make a test certificate")
    directory = tmp_path_factory.mktemp("tls")
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def server_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    return context


def client_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(certificate[0]))


def test_starttls_is_used_when_offered_before_logging_in(
    certificate: tuple[Path, Path],
) -> None:
    tls = server_context(certificate)
    with LocalSMTPServer(user="hiring", password="s3cret", ssl_context=tls) as server:
        messenger = EmailMessenger(
            server.url, MAIL_FROM, timeout=5, ssl_context=client_context(certificate)
        )
        messenger.send(CANDIDATE, message(content(invite())))
        received = only(server)
        assert received.tls
        assert received.login == "hiring"
        assert len(calendar_parts(received.message)) == 1


def test_an_untrusted_certificate_is_permanent(certificate: tuple[Path, Path]) -> None:
    with LocalSMTPServer(ssl_context=server_context(certificate)) as server:
        with pytest.raises(PermanentDeliveryError) as failure:
            EmailMessenger(server.url, MAIL_FROM, timeout=5).send(CANDIDATE, message(content()))
        assert "certificate" in failure.value.reason
        assert server.messages == []


def test_implicit_tls_with_smtps(certificate: tuple[Path, Path]) -> None:
    tls = server_context(certificate)
    with LocalSMTPServer(
        user="hiring", password="s3cret", ssl_context=tls, implicit_tls=True
    ) as server:
        assert server.url.startswith("smtps://")
        messenger = EmailMessenger(
            server.url, MAIL_FROM, timeout=5, ssl_context=client_context(certificate)
        )
        messenger.send(CANDIDATE, message(content()))
        assert only(server).tls
        assert only(server).login == "hiring"


def test_starttls_never_stays_in_clear_text(certificate: tuple[Path, Path]) -> None:
    with LocalSMTPServer(ssl_context=server_context(certificate)) as server:
        messenger = EmailMessenger(server.url + "?starttls=never", MAIL_FROM, timeout=5)
        messenger.send(CANDIDATE, message(content()))
        assert not only(server).tls


def test_starttls_required_but_not_offered_is_permanent(server: LocalSMTPServer) -> None:
    messenger = EmailMessenger(server.url + "?starttls=require", MAIL_FROM, timeout=5)
    with pytest.raises(PermanentDeliveryError, match="STARTTLS"):
        messenger.send(CANDIDATE, message(content()))
    assert server.messages == []


# Misuse fails loudly, before any SMTP


def test_email_cannot_be_edited(messenger: EmailMessenger) -> None:
    with pytest.raises(PermanentDeliveryError, match="cannot be changed"):
        messenger.update(Receipt("email", "zoe@example.org", "<x@example.com>"), message(content()))


@pytest.mark.parametrize("address", ["zoe.example.org", "zoe@example.org\r\nBcc: x@evil.test", ""])
def test_invalid_addresses_are_permanent(
    server: LocalSMTPServer, messenger: EmailMessenger, address: str
) -> None:
    with pytest.raises(PermanentDeliveryError, match="not a valid email address"):
        messenger.send(Recipient("email", address), message(content()))
    assert server.messages == []


def test_header_injection_and_reserved_headers_are_refused(messenger: EmailMessenger) -> None:
    body = content()
    injected = EmailContent(body.subject, body.text, body.html, {"X-Tag": "a\r\nBcc: x@evil.test"})
    with pytest.raises(ValueError):
        messenger.send(CANDIDATE, message(injected))
    reserved = EmailContent(body.subject, body.text, body.html, {"From": "ceo@example.com"})
    with pytest.raises(ValueError, match="set by the messenger"):
        messenger.send(CANDIDATE, message(reserved))
    with pytest.raises(ValueError):
        messenger.send(CANDIDATE, message(EmailContent("a\nBcc: x@evil.test", "t", "<p>t</p>")))


def test_wrong_channel_or_missing_email_is_a_programming_error(
    messenger: EmailMessenger,
) -> None:
    with pytest.raises(ValueError, match="slack"):
        messenger.send(Recipient("slack", "U123"), message(content()))
    with pytest.raises(ValueError, match="OutboundMessage.email"):
        messenger.send(CANDIDATE, OutboundMessage(text="hi"))


@pytest.mark.parametrize(
    ("url", "sender"),
    [
        ("http://mail.example.com", MAIL_FROM),
        ("smtp://", MAIL_FROM),
        ("smtp://mail.example.com:port", MAIL_FROM),
        ("smtp://mail.example.com?starttls=maybe", MAIL_FROM),
        ("smtp://mail.example.com", "not an address"),
    ],
)
def test_bad_settings_fail_at_construction(url: str, sender: str) -> None:
    with pytest.raises(ValueError):
        EmailMessenger(url, sender)


def test_url_forms() -> None:
    plain = EmailMessenger("smtp://mail.example.com", MAIL_FROM)
    assert (plain.host, plain.port, plain.implicit_tls, plain.user) == (
        "mail.example.com",
        25,
        False,
        None,
    )
    secure = EmailMessenger("smtps://apikey:a%2Fb%40c@smtp.example.net", MAIL_FROM)
    assert (secure.port, secure.implicit_tls, secure.user, secure.password) == (
        465,
        True,
        "apikey",
        "a/b@c",
    )
    submission = EmailMessenger("smtp://u:p@smtp.example.net:587?starttls=require", MAIL_FROM)
    assert (submission.port, submission.starttls) == (587, "require")
