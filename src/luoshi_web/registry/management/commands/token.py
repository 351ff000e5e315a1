"""``luoshi token USERNAME [--name NAME]``: issue an API bearer token (shown once)."""

from __future__ import annotations

import sys
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext

from luoshi_web.registry import tokens


class Command(BaseCommand):
    help = "Issue an API bearer token for a user; only its hash is stored, so copy it now."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="cli")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            self.stderr.write("luoshi: " + gettext("没有名为“%(username)s”的用户") % {"username": options["username"]})
            sys.exit(2)
        self.stdout.write(tokens.issue(user, options["name"]))
