"""``luoshi demo``: migrate, import the seed gazette, create demo accounts, serve."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext

from luoshi.errors import LuoshiError
from luoshi_web.registry import clock
from luoshi_web.registry.demo import build, default_seed
from luoshi_web.registry.errors import RegistryError, located, pipeline_reason
from luoshi_web.registry.management.commands.serve import run_server, serving_line
from luoshi_web.registry.models import Role


class Command(BaseCommand):
    help = "Set up a demonstration registry (seed gazette, one account per role) and serve it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=Path, default=None, help="document to import (default: seed gazette)")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="set up, print the accounts, and stop")

    def handle(self, *args: Any, **options: Any) -> None:
        seed = options["seed"] or default_seed()
        call_command("migrate", interactive=False, verbosity=0)
        try:
            accounts = build(seed, clock.today())
        except LuoshiError as exc:
            message = located(seed, pipeline_reason(exc))
            self.stderr.write(f"luoshi: {message} [{exc.code.value}]")
            raise SystemExit(2) from None
        except RegistryError as exc:
            message = located(seed, exc.message)
            self.stderr.write(f"luoshi: {message} [{exc.code}]")
            raise SystemExit(2) from None
        self._supervision()
        self.stdout.write(gettext("已导入 %(path)s。演示账号（每次运行都会生成新密码）：") % {"path": seed})
        for account in accounts:
            unit = "  " + gettext("单位：%(unit)s") % {"unit": account.unit} if account.unit else ""
            self.stdout.write(f"  {account.username:<11} {account.password:<14} {Role(account.role).label}{unit}")
        if options["no_serve"]:
            return
        self.stdout.write(serving_line(options["host"], options["port"]))
        run_server(options["host"], options["port"], 4)

    def _supervision(self) -> None:
        """Supervision's demo (open notices at two levels, an issued bulletin, the 2016 assessment closed).

        Imported here, not at the top: the registry does not depend on the supervision app, which
        may be left out of INSTALLED_APPS.
        """
        from django.apps import apps
        from django.contrib.auth import get_user_model

        if not apps.is_installed("luoshi_web.supervision"):
            return
        from luoshi_web.supervision.demo import populate

        supervisor = get_user_model().objects.filter(username="supervisor").first()
        if supervisor is not None:
            populate(supervisor, today=clock.today())
