"""``luoshi bulletin --period 2016Q2 -o FILE.docx [--issue]``: a period's 通报 as .docx.

Writes the period's issued bulletin if there is one (exactly as it was frozen);
otherwise makes or recomputes the draft and writes that. ``--issue`` numbers and
freezes the draft first.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from luoshi_web.registry.errors import RegistryError
from luoshi_web.supervision import bulletins
from luoshi_web.supervision.management.commands._common import acting, parse_day, write_file
from luoshi_web.supervision.models import Bulletin, BulletinState
from luoshi_web.supervision.periods import parse_period


class Command(BaseCommand):
    help = "通报: write the bulletin of a period (2016Q2, 2016H1, 2016) as .docx; --issue freezes the draft."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", required=True)
        parser.add_argument("-o", "--output", required=True)
        parser.add_argument("--issue", action="store_true", help="number and freeze the draft")
        parser.add_argument("--today", help="run as of this date (YYYY-MM-DD)")
        parser.add_argument("--user", help="the supervisor account the bulletin is audited under")

    def handle(self, *args: Any, **options: Any) -> None:
        today = parse_day(options.get("today"))
        actor = acting(options.get("user"))
        try:
            period = parse_period(options["period"])
            issued = Bulletin.objects.filter(period=period.name, state=BulletinState.ISSUED).order_by("-id").first()
            if issued is not None and options["issue"]:
                raise CommandError(
                    gettext("%(period)s的通报已印发（%(number)s）") % {"period": period.label, "number": issued.number}
                )
            if issued is None:
                bulletin = bulletins.draft(actor, period.name, today=today)
                if options["issue"]:
                    bulletin = bulletins.issue(actor, bulletin, today=today)
            else:
                bulletin = issued
        except RegistryError as exc:
            raise CommandError(exc.message) from None
        write_file(options["output"], bulletins.document_bytes(bulletin))
        state = bulletin.number if bulletin.state == BulletinState.ISSUED else gettext("草稿")
        self.stdout.write(
            gettext("%(title)s（%(state)s）→ %(path)s")
            % {"title": bulletin.title, "state": state, "path": options["output"]}
        )
