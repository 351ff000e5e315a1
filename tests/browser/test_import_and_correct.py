"""Importing through the import page, and a correction that survives re-importing the seed, in a browser.

(a) The supervision office uploads a document, sees what would be extracted with an unknown
unit name flagged, links the name to a registered unit, confirms, and the task's unit is
resolved. (b) On the demo ledger, an outline item of 国发〔2016〕17号 (a guidance document
with no extracted task) is made a task with named units on the document page; the seed is
uploaded again through the import page; the task and its units are still there.
"""

from __future__ import annotations

import pytest

from browser.conftest import SCREENSHOTS, login
from luoshi_web.registry import clock, demo
from luoshi_web.registry.models import Document, Role, Task, TaskUnit, Unit
from web.conftest import make_user
from web.test_corrections import SMALL

RELICS = "国发〔2016〕17号"


@pytest.fixture
def office(transactional_db, live_server):  # type: ignore[no-untyped-def]
    Unit.objects.create(name="省财政厅", kind="province_dept")
    make_user("supervisor", Role.SUPERVISOR)
    return "x" * 12  # make_user's password


def _upload(page, path) -> None:  # type: ignore[no-untyped-def]
    page.goto("/import/")
    page.set_input_files("#id_file", str(path))
    page.click("button.primary")
    page.wait_for_url("**/import/*/")


def test_import_a_document_and_link_an_unknown_unit(office, new_page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "社会保障卡意见.txt"
    source.write_text(SMALL, encoding="utf-8")
    page = new_page()
    login(page, "supervisor", office)
    _upload(page, source)
    main = page.inner_text("main")
    assert "以下内容尚未保存" in main and "川府发〔2020〕1号" in main and "推进社会保障卡应用" in main
    assert not Document.objects.exists()  # the preview stores nothing
    row = page.locator("#unknown tr", has_text="省人力资源社会保障厅")
    row.locator("input[name=unit]").fill("省财政厅")
    row.locator("button", has_text="关联").click()
    page.wait_for_load_state()
    assert "“省人力资源社会保障厅”已关联到“省财政厅”" in page.inner_text("main")
    assert page.locator("#unknown").count() == 0  # no unknown name left
    page.click("button[value=confirm]")
    page.wait_for_url("**/documents/*/")
    assert "已导入“社会保障卡意见.txt”" in page.inner_text("main")
    assignment = TaskUnit.objects.get(name="省人力资源社会保障厅")
    assert assignment.unit == Unit.objects.get(name="省财政厅")
    assert page.locator("#text .hl-task").count() >= 1 and page.locator("#text a.hl-target").count() == 2


@pytest.fixture
def ledger(transactional_db, live_server):  # type: ignore[no-untyped-def]
    accounts = demo.build(demo.default_seed(), clock.today())
    return {a.username: a.password for a in accounts}


def test_a_task_made_on_the_document_page_survives_reimporting_the_seed(ledger, new_page) -> None:  # type: ignore[no-untyped-def]
    relics = Document.objects.get(doc_number=RELICS)
    assert not relics.tasks.exists()
    page = new_page()
    login(page, "supervisor", ledger["supervisor"])
    page.goto(f"/documents/{relics.pk}/")
    item = page.locator("[id='item-四-一']")
    item.locator("summary", has_text="设为任务").click()
    item.locator("textarea[name=units]").fill("国家文物局\n住房城乡建设部\n各省、自治区、直辖市人民政府")
    item.locator("input[name=leads]").fill("国家文物局")
    item.locator("button", has_text="设为任务").click()
    page.wait_for_load_state()
    assert "条目 四一 已设为任务" in page.inner_text("main")
    task = Task.objects.get(document=relics, path_key="四/一")
    expected = [("国家文物局", "lead"), ("住房城乡建设部", "co"), ("各省、自治区、直辖市人民政府", "co")]
    assert [(a.name, a.role) for a in task.assignments.order_by("position")] == expected
    assert page.locator("[id='item-四-一'] .hl-task").count() == 1
    # The screenshot: the corrected item with the text around it (the whole page is ~40 screens).
    page.goto(f"/documents/{relics.pk}/#item-四-一")
    page.locator("[id='item-四-一']").scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "document.png"))

    _upload(page, demo.default_seed())
    assert "无变化" in page.inner_text("main")
    page.click("button[value=confirm]")
    page.wait_for_url("**/documents/")
    assert "已导入" in page.inner_text("main")

    task = Task.objects.get(pk=task.pk)
    assert task.active
    assert [(a.name, a.role) for a in task.assignments.order_by("position")] == expected
    page.goto(f"/documents/{relics.pk}/")
    bar = page.locator("[id='item-四-一'] .itembar").inner_text()
    assert "国家文物局" in bar and "住房城乡建设部" in bar
    page.goto(f"/tasks/{task.pk}/")
    assert "国家文物局" in page.inner_text("main")
