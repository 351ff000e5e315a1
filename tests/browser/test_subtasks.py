"""明确到人 through the browser: the lead unit's reporter splits a task for a named person of its
unit (an account of 商务厅), a deadline out of range first gets a message, and that person logs
in and finds the sub-task on their home page. Screenshots: docs/screenshots/subtask-form.png
(the task page with the form and the new sub-task) and subtask-home.png (the person's home).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model

from browser.conftest import login, shoot
from luoshi_web.registry import clock, demo
from luoshi_web.registry.models import Profile, Role, Task, Unit

PASSWORD = "Zhang-2026-demo"  # a test account's password, set here
TEXT = "编制全省农村电子商务综合服务站点验收清单"


@pytest.fixture
def ledger(transactional_db, live_server):  # type: ignore[no-untyped-def]
    accounts = demo.build(demo.default_seed(), clock.today())
    person = get_user_model().objects.create_user(username="zhangwei", password=PASSWORD, first_name="张伟")
    Profile.objects.create(user=person, role=Role.REPORTER, unit=Unit.objects.get(name="商务厅"))
    return {a.username: a.password for a in accounts}


def test_the_lead_reporter_names_a_person_who_then_sees_the_sub_task(ledger, new_page) -> None:  # type: ignore[no-untyped-def]
    task = Task.objects.get(document__doc_number="川办函〔2016〕23号", path_key="三/五")  # 商务厅 leads
    assert task.assignments.get(unit__name="商务厅").role == "lead"
    low = task.document.date
    due = task.deadline or clock.today() + timedelta(days=90)  # the parent sets no deadline: any day after `low`
    shown = f"{due.year}年{due.month}月{due.day}日"  # as the zh-Hans pages write a date

    reporter = new_page()
    login(reporter, "reporter1", ledger["reporter1"])
    reporter.goto(f"/tasks/{task.pk}/")
    reporter.click("#subtask-add summary")  # the form is folded away until asked for
    form = reporter.locator("#subtask-form")
    form.locator("textarea").fill(TEXT)
    form.locator("select").select_option(label="张伟")
    form.locator("input[type=date]").fill((low - timedelta(days=1)).isoformat())
    form.locator("button[type=submit]").click()
    # the field's min (the document's date) stops it in the browser; without it the server says why
    assert form.locator("input[type=date]").evaluate("e => e.validity.rangeUnderflow")
    assert not Task.objects.filter(parent=task).exists()
    form.locator("input[type=date]").evaluate("e => e.removeAttribute('min')")
    form.locator("button[type=submit]").click()
    assert "完成时限不能早于文件的成文日期" in reporter.inner_text("main")  # bad input: a message, nothing saved
    assert not Task.objects.filter(parent=task).exists()
    form = reporter.locator("#subtask-form")
    assert form.locator("textarea").input_value() == TEXT  # what was typed is kept
    form.locator("input[type=date]").fill(due.isoformat())
    form.locator("button[type=submit]").click()
    reporter.wait_for_url(f"**/tasks/{task.pk}/#subtasks")
    table = reporter.inner_text("#subtasks")
    assert TEXT in table and "张伟" in table and shown in table
    shoot(reporter, "subtask-form")
    sub = Task.objects.get(parent=task)
    assert sub.assignee_user.username == "zhangwei" and sub.deadline == due

    person = new_page(width=390, height=844)  # the person, on a phone
    login(person, "zhangwei", PASSWORD)
    mine = person.inner_text("#my-subtasks + .tablewrap")
    assert TEXT in mine and shown in mine
    shoot(person, "subtask-home")
    person.click(f"#my-subtasks + .tablewrap a[href='/tasks/{sub.pk}/']")
    assert TEXT in person.inner_text("main") and "张伟" in person.inner_text("main")
