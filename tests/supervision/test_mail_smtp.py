"""Notifications over SMTP when the office configures it (a local SMTP sink stands in for its server)."""

from __future__ import annotations

import email
import email.policy
import socketserver
import threading
from collections.abc import Iterator
from datetime import date
from typing import ClassVar

import pytest

from luoshi_web.supervision import inbox, jobs
from luoshi_web.supervision.models import Message

from .conftest import World

pytestmark = pytest.mark.django_db
SMTP = "django.core.mail.backends.smtp.EmailBackend"


class Sink(socketserver.StreamRequestHandler):
    """Just enough SMTP for smtplib: greet, accept every command, keep each DATA."""

    received: ClassVar[list[tuple[str, list[str], bytes]]] = []

    def handle(self) -> None:
        self.wfile.write(b"220 sink ESMTP\r\n")
        sender, recipients = "", []
        while line := self.rfile.readline():
            command = line.decode("ascii", "replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb == "DATA":
                self.wfile.write(b"354 go on\r\n")
                body = b""
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    body += chunk
                Sink.received.append((sender, recipients, body))
                sender, recipients = "", []
                self.wfile.write(b"250 kept\r\n")
            elif verb == "QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                if verb == "MAIL":
                    sender = command.split(":", 1)[1].strip(" <>")
                elif verb == "RCPT":
                    recipients.append(command.split(":", 1)[1].strip(" <>"))
                self.wfile.write(b"250 ok\r\n")


@pytest.fixture
def sink() -> Iterator[tuple[str, int]]:
    Sink.received = []
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Sink)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address  # type: ignore[misc]
    server.shutdown()
    server.server_close()


def _reporter_with_email(world: World):  # type: ignore[no-untyped-def]
    user = world.users["reporter_a"]
    user.email = "reporter_a@example.gov.cn"
    user.save()
    return user


def test_a_reminder_goes_to_the_configured_smtp_server(world: World, sink, settings) -> None:  # type: ignore[no-untyped-def]
    host, port = sink
    settings.LUOSHI_EMAIL_BACKEND = SMTP
    settings.LUOSHI_SMTP_HOST = host
    settings.LUOSHI_SMTP_PORT = port
    settings.LUOSHI_MAIL_FROM = "duchashi@example.gov.cn"
    _reporter_with_email(world)
    assert jobs.remind(date(2016, 7, 9)) == 0 and Sink.received == []  # 6 days before: no reminder day
    assert jobs.remind(date(2016, 7, 8)) == 2  # 7 days before the 2016Q2 cycle closes
    ((sender, recipients, body),) = Sink.received
    assert sender == "duchashi@example.gov.cn" and recipients == ["reporter_a@example.gov.cn"]
    message = email.message_from_bytes(body, policy=email.policy.default)
    assert str(message["Subject"]).strip() == "2016Q2进展报告将于2016年7月15日截止，尚有3项未报送"
    assert Message.objects.filter(user__username="reporter_a").count() == 1  # and in the inbox


def test_the_console_default_sends_nothing_to_a_server(world: World, sink, settings, capsys) -> None:  # type: ignore[no-untyped-def]
    host, port = sink
    settings.LUOSHI_SMTP_HOST = host  # an SMTP server named, but the backend left at its default
    settings.LUOSHI_SMTP_PORT = port
    if hasattr(settings, "LUOSHI_EMAIL_BACKEND"):
        del settings.LUOSHI_EMAIL_BACKEND
    _reporter_with_email(world)
    assert jobs.remind(date(2016, 7, 8)) == 2
    assert Sink.received == []
    assert "reporter_a@example.gov.cn" in capsys.readouterr().out  # the console backend printed it


def test_a_mail_server_that_is_down_leaves_the_inbox_message(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LUOSHI_EMAIL_BACKEND = SMTP
    settings.LUOSHI_SMTP_HOST = "127.0.0.1"
    settings.LUOSHI_SMTP_PORT = 1  # nothing listens
    user = _reporter_with_email(world)
    assert jobs.remind(date(2016, 7, 8)) == 2
    assert inbox.unread_count(user) == 1
