"""``luoshi token USERNAME [--name NAME]``: issue an API bearer token (shown once).

``luoshi token --list [USERNAME]`` lists tokens; ``luoshi token --revoke ID`` revokes one.
Only roles that need machine access get a token (see ``registry/tokens.py``).
"""

from __future__ import annotations

import sys
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext

from luoshi_web.registry import tokens
from luoshi_web.registry.errors import RegistryError
from luoshi_web.registry.models import ApiToken


class Command(BaseCommand):
    help = (
        "Issue an API bearer token for a user (admin, supervisor or unit reporter); only its hash "
        "is stored, so copy it now. It expires after LUOSHI_TOKEN_DAYS days."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", nargs="?")
        parser.add_argument("--name", default="cli")
        parser.add_argument("--list", action="store_true", help="list tokens (of USERNAME, else all)")
        parser.add_argument("--revoke", type=int, metavar="ID", help="revoke the token with this id")

    def _fail(self, message: str) -> None:
        self.stderr.write("luoshi: " + message)
        sys.exit(2)

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        user = None
        if username:
            user = get_user_model().objects.filter(username=username).first()
            if user is None:
                self._fail(gettext("没有名为“%(username)s”的用户") % {"username": username})
        if options["revoke"] is not None:
            token = ApiToken.objects.filter(pk=options["revoke"]).first()
            if token is None:
                self._fail(gettext("API 令牌 %(pk)s 不存在") % {"pk": options["revoke"]})
            tokens.revoke_row(token)
            self.stdout.write(gettext("已吊销令牌 %(prefix)s…") % {"prefix": token.prefix})
            return
        if options["list"]:
            rows = ApiToken.objects.select_related("user").order_by("-created_at", "-id")
            if user is not None:
                rows = rows.filter(user=user)
            for t in rows:
                state = gettext("有效") if tokens.is_working(t) else gettext("失效")
                expires = timezone.localtime(t.expires_at).date().isoformat()
                self.stdout.write(f"{t.pk}\t{t.user.get_username()}\t{t.prefix}…\t{t.name}\t{expires}\t{state}")
            return
        if user is None:
            self._fail(gettext("请给出用户名"))
        try:
            key, _token = tokens.mint(user, options["name"])
        except RegistryError as exc:
            self._fail(exc.message)
        self.stdout.write(key)
