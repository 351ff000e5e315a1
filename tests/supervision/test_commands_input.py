"""The supervision commands answer bad input with a clear message, and do what the worker does."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from luoshi_web.supervision import inbox
from luoshi_web.supervision.models import AssessmentScheme, Level, Notice

from .conftest import World
from .test_notices import issue

pytestmark = pytest.mark.django_db
MISSING_DIR = "/nonexistent-luoshi-dir"


@pytest.mark.django_db(transaction=True)
def test_the_escalate_command_tells_the_unit_like_the_worker(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LUOSHI_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    reporter = world.users["reporter_a"]
    reporter.email = "reporter_a@example.gov.cn"
    reporter.save()
    notice = issue(world)  # due 7-10: escalates from 7-14
    issued = inbox.inbox(reporter).count()
    call_command("notices", "escalate", "--today", "2016-07-13")
    assert inbox.inbox(reporter).count() == issued
    call_command("notices", "escalate", "--today", "2016-07-14")
    assert Notice.objects.get(pk=notice.pk).level == Level.SUPERVISE
    assert inbox.inbox(reporter).count() == issued + 1
    assert inbox.inbox(reporter).first().subject.startswith("【督办】督办〔2016〕1号")
    assert mail.outbox[-1].to == ["reporter_a@example.gov.cn"]


@pytest.mark.parametrize(
    "args",
    [
        ["ledger", "export", "-o", f"{MISSING_DIR}/台账.xlsx"],
        ["assess", "--year", "2016", "-o", f"{MISSING_DIR}/考核.xlsx"],
        ["assess", "--year", "2016", "-o", f"{MISSING_DIR}/考核.docx"],
        ["bulletin", "--period", "2016Q2", "-o", f"{MISSING_DIR}/通报.docx"],
    ],
)
def test_an_output_that_cannot_be_written_is_a_clear_error(world: World, args: list[str]) -> None:
    with pytest.raises(CommandError, match=f"无法写入文件 {MISSING_DIR}/.*：No such file or directory"):
        call_command(*args)


@pytest.mark.parametrize("year", [1989, 2101])
def test_a_year_out_of_range_is_refused_and_leaves_no_scheme(world: World, year: int, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=f"年度“{year}”无效，应在 1990 到 2100 之间"):
        call_command("assess", "--year", str(year), "-o", str(tmp_path / "a.xlsx"))
    assert not AssessmentScheme.objects.filter(year=year).exists()
    assert not (tmp_path / "a.xlsx").exists()


@pytest.mark.parametrize("year", [1990, 2100])
def test_the_years_at_the_bounds_are_computed(world: World, year: int, tmp_path: Path) -> None:
    call_command("assess", "--year", str(year), "-o", str(tmp_path / "a.xlsx"))
    assert (tmp_path / "a.xlsx").stat().st_size > 0


def test_the_worker_once_takes_a_date(world: World) -> None:
    with pytest.raises(CommandError, match="日期“2016-02-30”格式不对"):
        call_command("worker", "--once", "--today", "2016-02-30")
