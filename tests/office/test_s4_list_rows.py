"""The task list's rows, built by one tag (``task_list_rows``), are the HTML the template loop they
replaced wrote, byte for byte: deadlines and none, a person's name, long and markup-bearing text,
0 %, no percent, many units, in Chinese and in English. The reference is that loop, kept here."""

from __future__ import annotations

from datetime import date

import pytest
from django.template import engines
from django.utils import translation

from luoshi_web.registry import clock, queries
from luoshi_web.registry.models import Document, Task, TaskUnit, Unit
from web.conftest import World

# office/_task_table.html's loop before the tag, verbatim
OLD_LOOP = "\n".join(
    [
        '{% load i18n office %}<tbody>{% translate "无时限" as no_deadline %}',
        "{% for task in tasks %}",
        "<tr>",
        "  <td><a href=\"{% url 'office:task' task.pk %}\">{{ task|path_label }} {{ task.text|truncatechars:60 }}</a>"
        '{% if task.assignee_name %} <span class="muted">· {{ task.assignee_name }}</span>'
        "{% endif %}</td>",
        '  <td class="hide-narrow">{{ task.document }}</td>',
        "  <td>{% unit_names task %}</td>",
        '  <td>{% if task.deadline %}{{ task.deadline }}{% else %}<span class="muted">{{ no_deadline }}</span>'
        "{% endif %}</td>",
        "  <td>{% status_badge task.status %}</td>",
        '  <td class="hide-narrow">{% if task.latest_percent is not None %}{{ task.latest_percent }}%'
        "{% else %}—{% endif %}</td>",
        "</tr>",
        "{% empty %}",
        '<tr><td colspan="6" class="muted">{% translate "没有符合条件的任务" %}</td></tr>',
        "{% endfor %}",
        "</tbody>",
    ]
)


# office/docket.html's loop before the tag, verbatim
OLD_DOCKET_LOOP = "\n".join(
    [
        "{% load i18n office %}"
        '{% translate "牵头" as lead_label %}{% translate "配合" as co_label %}<tbody>'
        "{% for task in result.items %}",
        "<tr><td><a href=\"{% url 'office:task' task.pk %}\">{{ task|path_label }} {{ task.text|truncatechars:70 }}"
        '</a><div class="muted">{{ task.document_label }}</div></td>',
        '<td>{% if task.unit_role == "lead" %}<strong>{{ lead_label }}</strong>'
        "{% else %}{{ co_label }}{% endif %}</td>",
        '<td>{{ task.deadline|default:"—" }}</td><td>{% status_badge task.status %}</td>',
        '<td class="hide-narrow">{% if task.latest_percent is not None %}{{ task.latest_percent }}%'
        "{% else %}—{% endif %}</td></tr>",
        '{% empty %}<tr><td colspan="5" class="muted">{% translate "本单位暂无任务" %}</td></tr>{% endfor %}</tbody>',
    ]
)


def _rows(html: str) -> str:
    return html[html.index("<tbody>") : html.index("</tbody>") + len("</tbody>")]


@pytest.fixture
def varied(world: World) -> list[Task]:
    """The world's tasks plus rows that exercise every branch of a list row."""
    doc = world.d1
    long_text = "推进<b>政务服务</b>“一网通办”&改革，" * 6
    extra = [
        Task.objects.create(
            document=doc, path=[], path_key="九", text=long_text, deadline=None, assignee_name="张<三>"
        ),
        Task.objects.create(
            document=doc, path=["十", "1"], path_key="十/1", text="短cafe\u0301", deadline=date(2016, 7, 1)
        ),
    ]
    Task.objects.filter(pk=extra[1].pk).update(progress_reported=True, latest_percent=0)
    Task.objects.filter(pk=world.task_a.pk).update(progress_reported=True, latest_percent=55)
    for i in range(6):
        unit = Unit.objects.create(name=f"单位&{i}", kind="department")
        TaskUnit.objects.create(task=extra[0], unit=unit, name=unit.name, role="lead" if i == 2 else "co", position=i)
    return extra


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_rows_tag_writes_the_old_loops_html(world: World, varied: list[Task], language: str) -> None:
    who = world.actor("supervisor")
    tasks = queries.page(queries.task_rows(queries.filter_tasks(who, queries.TaskFilter(), clock.today())), 50).items
    assert len(tasks) == 6
    django_engine = engines["django"]
    with translation.override(language):
        old = django_engine.from_string(OLD_LOOP).render({"tasks": tasks})
        new = django_engine.get_template("office/_task_table.html").render({"tasks": tasks})
        empty_old = django_engine.from_string(OLD_LOOP).render({"tasks": []})
        empty_new = django_engine.get_template("office/_task_table.html").render({"tasks": []})
    assert _rows(new) == _rows(old)
    assert _rows(empty_new) == _rows(empty_old)
    # the branches were there to compare
    assert "张&lt;三&gt;" in old and "&lt;b&gt;" in old and "&amp;" in old
    assert old.count("推进&lt;b&gt;") == 3  # truncated at 60 characters (6 repeats written)
    assert "短café<" in old  # truncatechars NFC-normalises even a short text
    assert ">0%<" in old and ">55%<" in old and ">—<" in old
    assert "<strong>单位&amp;2</strong>" in old and "单位&amp;4" not in old
    assert old.count('<span class="muted">') == 5  # four without deadline, one person


@pytest.fixture
def docket_rows(world: World) -> list[Task]:
    """Unit A's docket with every branch of a row: lead and co, no deadline, 0 %, long markup text,
    a document known only by its title."""
    draft = Document.objects.create(key="s4-untitled", title="关于<加强>督查&督办的通知", doc_number=None)
    extra = [
        Task.objects.create(document=draft, path=["三"], path_key="三", text="落实<b>要求</b>&" * 20, deadline=None),
        Task.objects.create(document=draft, path=["四"], path_key="四", text="短cafe\u0301", deadline=date(2016, 9, 1)),
    ]
    TaskUnit.objects.create(task=extra[0], unit=world.unit_a, name=world.unit_a.name, role="co", position=1)
    TaskUnit.objects.create(task=extra[1], unit=world.unit_a, name=world.unit_a.name, role="lead", position=0)
    Task.objects.filter(pk=extra[1].pk).update(progress_reported=True, latest_percent=0)
    return extra


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_docket_rows_tag_writes_the_old_loops_html(world: World, docket_rows: list[Task], language: str) -> None:
    rows = queries.page(queries.unit_docket_rows(world.actor("supervisor"), world.unit_a), 50).items
    assert len(rows) == 5
    template = engines["django"].from_string(OLD_DOCKET_LOOP)
    new_template = engines["django"].get_template("office/docket.html")
    with translation.override(language):
        old = template.render({"result": {"items": rows}})
        new = new_template.render({"result": {"items": rows}, "unit": world.unit_a})
        empty_old = template.render({"result": {"items": []}})
        empty_new = new_template.render({"result": {"items": []}, "unit": world.unit_a})
    assert _rows(new) == _rows(old)
    assert _rows(empty_new) == _rows(empty_old)
    assert "关于&lt;加强&gt;督查&amp;督办的通知" in old and "&lt;b&gt;" in old and "短café<" in old
    assert old.count("落实&lt;b&gt;") < 20  # truncated at 70 characters
    assert ">0%<" in old and "<td>—</td>" in old and "<strong>" in old
