"""The yearly allocation of a 政府工作报告's tasks (``关于落实《政府工作报告》重点工作责任分工的意见``)
is an annual plan like a ``2016年工作要点`` (guide: its items → the year's end): of the report's
year its opening names, else of its own date's year; a nearer phrase wins."""

from __future__ import annotations

import pytest

from doc_builder import build
from luoshi.extract.targets import extract_targets

TITLE = "某省人民政府关于落实《政府工作报告》重点工作责任分工的意见"
ITEMS = [(("一",), ["地区生产总值增长11%左右。（省发展改革委负责）", "到2020年，森林覆盖率达到47%。（省林业厅负责）"])]


def deadlines(opening: str, date: str | None, title: str = TITLE) -> list[str | None]:
    doc, clean = build(ITEMS, preamble=["各市人民政府：", opening], title=title, date=date)
    return [t.deadline for t in extract_targets(doc, clean)]


@pytest.mark.parametrize("date", [None, "2013-03-27"])
def test_the_reports_year_named_in_the_opening_dates_the_items(date):
    opening = "现就2013年《政府工作报告》确定的重点工作任务提出责任分工意见如下："
    assert deadlines(opening, date) == ["2013-12-31", "2020-12-31"]


def test_without_a_year_in_the_opening_the_documents_year_dates_them():
    assert deadlines("现就《政府工作报告》确定的重点工作任务提出分工意见如下：", "2019-03-20") == [
        "2019-12-31",
        "2020-12-31",
    ]


def test_a_document_that_allocates_no_report_is_not_an_annual_plan():
    title = "某省人民政府关于加快发展现代农业的意见"
    assert deadlines("现就加快发展现代农业提出如下意见：", "2013-03-27", title) == [None, "2020-12-31"]
