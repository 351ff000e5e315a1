"""The 督办单 .docx of each level: 版头 in red, 发文字号 line with the red rule, 主送, body, 落款, 成文日期."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command
from docx.oxml.ns import qn

from luoshi_web.supervision import notices
from luoshi_web.supervision.notice_document import notice_docx

from .conftest import World
from .test_notices import issue


def texts(content: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]


def test_remind_letter_parts(world: World) -> None:
    notice = issue(world)
    parsed = docx.Document(io.BytesIO(notice_docx(notice)))
    paragraphs = parsed.paragraphs
    head = paragraphs[0]
    assert head.text == "省人民政府督查室督查提醒函"
    assert head.runs[0].font.color.rgb == docx.shared.RGBColor(0xFF, 0, 0)
    assert head.runs[0].font.size.pt == 26
    assert paragraphs[1].text == "督提〔2016〕1号"
    rule = paragraphs[1]._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000"
    non_empty = [p.text for p in paragraphs if p.text]
    title, addressee, *body, office, day = non_empty[2:]
    assert title == (
        "关于督促落实《四川省人民政府办公厅关于印发工作要点的通知》（川办发〔2016〕14号）有关任务的督查提醒函"
    )
    assert addressee == "省发展改革委："
    assert body[0] == (
        "你单位牵头负责的《四川省人民政府办公厅关于印发工作要点的通知》（川办发〔2016〕14号）第一（1）项任务"
        "“完善投资项目在线审批监管平台，2016年底前全面运行。”，完成时限为2016年6月30日。"
    )
    assert body[1] == "经督查，任务已逾期。"
    assert body[2] == "现予以提醒，请于2016年7月10日前完成整改，并请于期限前书面回复整改情况并附佐证材料。"
    assert body[3] == "逾期未回复的，将升级为督办。"
    assert (office, day) == ("省人民政府督查室", "2016年7月1日")
    section = parsed.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.top_margin.mm) == 37


def test_each_level_has_its_document(world: World, tmp_path: Path) -> None:
    notice = issue(world)
    for day in (date(2016, 7, 14), date(2016, 7, 28), date(2016, 8, 11)):
        notices.escalate_due(day)
    notice.refresh_from_db()
    current = texts(notice_docx(notice))
    assert current[0] == "省人民政府督查室约谈通知书" and current[1] == "督谈〔2016〕1号"
    assert "现决定约谈你单位主要负责同志，请于2016年8月21日前完成整改" in "".join(current)
    assert not any("逾期未回复的" in t for t in current)  # nothing above 约谈
    assert current[-1] == "2016年8月11日"
    out = tmp_path / "督办单.docx"
    call_command("notices", "document", str(notice.pk), "--level", "2", "-o", str(out))
    second = texts(out.read_bytes())
    assert second[0] == "省人民政府督查室督办通知单" and second[1] == "督办〔2016〕1号"
    assert second[-1] == "2016年7月14日"
    with pytest.raises(CommandError, match="不存在"):
        call_command("notices", "document", "999", "-o", str(out))
