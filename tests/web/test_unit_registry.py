"""Units from CSV, and the queue of unresolved names linked through the API."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from luoshi_web.registry.errors import Invalid
from luoshi_web.registry.importer import import_contract
from luoshi_web.registry.models import TaskUnit, Unit, UnitAlias, UnresolvedUnitName
from luoshi_web.registry.units import load_units_csv

from .conftest import World, contract, document, post_json, task

CSV = """name,kind,parent,aliases
省发展和改革委员会,department,四川省人民政府,省发展改革委|省发改委
四川省人民政府,province,,省政府
"""


@pytest.mark.django_db
def test_load_units_csv_is_idempotent_and_resolves_the_queue(tmp_path: Path) -> None:
    doc = document("川府发〔2016〕9号", "t", tasks=[task(["一"], "推进。", ["省发改委"])])
    import_contract(contract(doc), file_sha256="9" * 64)
    assert TaskUnit.objects.get().unit is None
    path = tmp_path / "units.csv"
    path.write_text(CSV, encoding="utf-8")
    call_command("load_units", str(path))
    unit = Unit.objects.get(name="省发展和改革委员会")
    assert unit.parent == Unit.objects.get(name="四川省人民政府") and unit.kind == "department"
    assert set(UnitAlias.objects.filter(unit=unit).values_list("alias", flat=True)) == {"省发展改革委", "省发改委"}
    assert TaskUnit.objects.get().unit == unit
    assert UnresolvedUnitName.objects.get(name="省发改委").resolved_unit == unit
    assert load_units_csv(path) == (0, 0)


@pytest.mark.django_db
def test_bad_unit_csv_is_refused_whole(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text("name,kind,parent,aliases\n省财政厅,bureau,,\n", encoding="utf-8")
    with pytest.raises(Invalid, match="未知的单位类别（kind）“bureau”"):
        load_units_csv(path)
    assert Unit.objects.count() == 0


def test_supervisor_links_or_creates_units_for_queued_names(world: World) -> None:
    doc = document("川府发〔2016〕8号", "t", tasks=[task(["一"], "推进。", ["省经信委", "省教育厅"])])
    import_contract(contract(doc), file_sha256="8" * 64)
    sup = world.client("supervisor")
    queue = {e["name"]: e["id"] for e in sup.get("/api/v1/units/unresolved").json()["items"]}
    assert set(queue) == {"省经信委", "省教育厅"}
    linked = post_json(sup, f"/api/v1/units/unresolved/{queue['省经信委']}/link", {"unit_id": world.unit_b.pk})
    assert linked.status_code == 200 and linked.json()["resolved_unit_id"] == world.unit_b.pk
    created = post_json(sup, f"/api/v1/units/unresolved/{queue['省教育厅']}/link", {"create_kind": "department"})
    assert created.status_code == 200
    assert TaskUnit.objects.get(name="省教育厅").unit == Unit.objects.get(name="省教育厅")
    assert sup.get("/api/v1/units/unresolved").json()["items"] == []
    assert (
        post_json(world.client("leader"), f"/api/v1/units/unresolved/{queue['省经信委']}/link", {}).status_code == 403
    )
