"""``luoshi serve``: the registry on waitress, a production WSGI server (not runserver).

Binds 127.0.0.1 by default: exposing the registry to a network is a decision
(``--host 0.0.0.0`` behind a TLS proxy, with LUOSHI_ALLOWED_HOSTS set).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext


def run_server(host: str, port: int, threads: int) -> None:
    from waitress import serve

    from luoshi_web.wsgi import application

    serve(application, host=host, port=port, threads=threads, ident="luoshi")


def serving_line(host: str, port: int) -> str:
    return gettext("落实督查台账已启动：http://%(host)s:%(port)s/（按 Ctrl-C 停止）") % {"host": host, "port": port}


class Command(BaseCommand):
    help = "Serve the registry with waitress (static files via WhiteNoise)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=4)

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(serving_line(options["host"], options["port"]))
        run_server(options["host"], options["port"], options["threads"])
