"""A backup carries supervision's rows and the units' reply evidence files; restore brings them back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from luoshi_web.registry.backup import backup, restore
from luoshi_web.supervision import bulletins, notices
from luoshi_web.supervision.models import Bulletin, Notice, NoticeEvidence

from .conftest import World
from .test_notices import issue


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.mark.django_db(transaction=True)
def test_round_trip_with_notice_evidence_and_an_issued_bulletin(world: World, media: Path, tmp_path: Path) -> None:
    notice = issue(world)
    notices.reply(world.actor("reporter_a"), notice, text="已整改", evidence=[("整改报告.pdf", b"%PDF-1.7 report")])
    sup = world.actor("supervisor")
    issued = bulletins.issue(sup, bulletins.draft(sup, "2016Q2", today=date(2016, 7, 5)), today=date(2016, 7, 6))
    frozen = bytes(issued.document)
    evidence = NoticeEvidence.objects.get()
    stored = media / evidence.file.name
    assert stored.read_bytes() == b"%PDF-1.7 report"
    archive = tmp_path / "site.zip"
    backup(archive)
    stored.unlink()
    Notice.objects.filter(pk=notice.pk).update(reason="改掉")  # audited: the database is now one row larger
    restore(archive, force=True)
    assert Notice.objects.get(pk=notice.pk).reason == "任务已逾期"
    assert stored.read_bytes() == b"%PDF-1.7 report"
    assert bytes(Bulletin.objects.get(pk=issued.pk).document) == frozen
