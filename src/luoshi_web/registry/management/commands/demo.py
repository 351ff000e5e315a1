"""``luoshi demo``: migrate, import the seed gazette, create demo accounts, serve."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from luoshi.errors import LuoshiError
from luoshi_web.registry import clock
from luoshi_web.registry.demo import build, default_seed
from luoshi_web.registry.errors import RegistryError
from luoshi_web.registry.management.commands.serve import run_server


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
            self.stderr.write(f"luoshi: {exc.message}")
            raise SystemExit(2) from None
        except RegistryError as exc:
            self.stderr.write(f"luoshi: {seed}: {exc.message}")
            raise SystemExit(2) from None
        self.stdout.write(f"Imported {seed}. Demo accounts (passwords are new on every run):")
        for account in accounts:
            unit = f"  unit: {account.unit}" if account.unit else ""
            self.stdout.write(f"  {account.username:<11} {account.password:<14} {account.role}{unit}")
        if options["no_serve"]:
            return
        self.stdout.write(f"Luoshi registry on http://{options['host']}:{options['port']}/  (Ctrl-C stops)")
        run_server(options["host"], options["port"], 4)
