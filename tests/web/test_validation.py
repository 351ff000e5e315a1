"""Bad values are refused before anything is written, the same way on SQLite and PostgreSQL.

Each case was a 500 (and often a committed row) before: a non-finite number, a date
whose arithmetic overflows, an integer beyond the column, a string longer than its
column. Now each is a clear 4xx naming the field, and the database is as it was.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

from luoshi_web.registry import audit
from luoshi_web.registry.errors import ContractError, Invalid
from luoshi_web.registry.importer import import_contract
from luoshi_web.registry.ingest import import_file
from luoshi_web.registry.models import AuditLog, Document, Observation, ReportingCycle, Target, Task, Unit

from .conftest import D1, UNIT_A, World, contract, document, post_json, target, task

API = "/api/v1"


def _strict(text: str) -> Any:
    """Parse as JSON proper: ``Infinity``/``NaN`` are not JSON."""

    def refuse(constant: str) -> None:
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def _rows() -> tuple[int, ...]:
    return (
        ReportingCycle.objects.count(),
        Observation.objects.count(),
        Task.objects.count(),
        Document.objects.count(),
        AuditLog.objects.count(),
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("constant", ["Infinity", "-Infinity", "NaN"])
def test_a_non_finite_observation_is_a_422_and_is_never_stored(world: World, constant: str) -> None:
    target_id = Target.objects.get(document=world.d2).pk
    before = _rows()
    body = '{"value": VALUE, "as_of": "2016-05-01", "source": "统计局"}'.replace("VALUE", constant)
    response = world.client("supervisor").post(
        f"{API}/targets/{target_id}/observations", data=body, content_type="application/json"
    )
    assert response.status_code == 422, response.content
    assert "Infinity" in _strict(response.content)["error"]["message"]
    assert _rows() == before
    listing = world.client("anonymous").get(f"{API}/targets/{target_id}")
    assert listing.status_code == 200 and _strict(listing.content)["observations"] == []


@pytest.mark.django_db(transaction=True)
def test_a_failing_audit_write_rolls_the_change_back(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(audit, "_write", broken)
    before = _rows()
    # Through the API: a 500, and nothing of the request committed.
    response = post_json(world.client("supervisor"), f"{API}/cycles", {"quarter_of": "2016-08-15"})
    assert response.status_code == 500
    assert _rows() == before
    # Outside any request or transaction (a service, the CLI): the save rolls back with its audit row.
    with pytest.raises(RuntimeError):
        Unit.objects.create(name="新单位")
    assert not Unit.objects.filter(name="新单位").exists()
    assert not transaction.get_connection().in_atomic_block


@pytest.mark.django_db(transaction=True)
def test_an_error_answer_commits_nothing_of_its_request(world: World) -> None:
    """A request that wrote, then failed, leaves nothing: the cycle row is gone with the error."""
    before = _rows()
    response = post_json(
        world.client("supervisor"),
        f"{API}/cycles",
        {"period_start": "9999-10-01", "period_end": "9999-12-31"},
    )
    assert response.status_code == 422
    assert "period_start" in response.json()["error"]["message"]
    assert _rows() == before
    for persona in ("supervisor", "leader", "reporter_a"):
        assert world.client(persona).get(f"{API}/cycles").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body, field",
    [
        ({"quarter_of": "9999-12-01"}, "quarter_of"),
        ({"quarter_of": "1899-12-31"}, "quarter_of"),
        ({"period_start": "2016-01-01", "period_end": "2200-01-01"}, "period_end"),
        ({"period_start": "2016-01-01", "period_end": "2016-03-31", "name": "季" * 100_000}, "name"),
    ],
)
def test_cycle_values_out_of_range_are_422(world: World, body: dict[str, Any], field: str) -> None:
    count = ReportingCycle.objects.count()
    response = post_json(world.client("supervisor"), f"{API}/cycles", body)
    assert response.status_code == 422, response.content
    assert field in response.json()["error"]["message"]
    assert ReportingCycle.objects.count() == count


@pytest.mark.django_db
def test_dates_at_the_edges_of_the_range_are_accepted(world: World) -> None:
    response = post_json(
        world.client("supervisor"), f"{API}/cycles", {"period_start": "2199-10-01", "period_end": "2199-12-31"}
    )
    assert response.status_code == 201
    assert response.json()["due_date"] == "2200-01-15"
    assert world.client("supervisor").get(f"{API}/cycles").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/tasks", "/units", "/documents", "/reports", "/audit"])
def test_an_offset_beyond_any_row_is_a_422(world: World, url: str) -> None:
    response = world.client("supervisor").get(f"{API}{url}?offset=99999999999999999999")
    assert response.status_code == 422, response.content
    assert "offset" in response.json()["error"]["message"]
    assert world.client("supervisor").get(f"{API}{url}?offset=2147483647").status_code == 200


@pytest.mark.django_db
def test_an_id_beyond_any_row_is_a_404(world: World) -> None:
    assert world.client("supervisor").get(f"{API}/tasks/99999999999999999999").status_code in (404, 422)


@pytest.mark.django_db
def test_long_assignee_names_are_422_not_a_database_error(world: World) -> None:
    client = world.client("supervisor")
    long_name = "张" * 10_000
    sub = post_json(client, f"{API}/tasks/{world.task_a.pk}/subtasks", {"text": "分解", "assignee_name": long_name})
    assert sub.status_code == 422
    patch = post_json(client, f"{API}/tasks/{world.task_a.pk}", {"assignee_name": long_name}, method="patch")
    assert patch.status_code == 422, patch.content
    assert "assignee_name" in patch.json()["error"]["message"]
    world.task_a.refresh_from_db()
    assert world.task_a.assignee_name == ""
    ok = post_json(client, f"{API}/tasks/{world.task_a.pk}", {"assignee_name": "张" * 100}, method="patch")
    assert ok.status_code == 200


def _contract_with(**changes: Any) -> dict[str, Any]:
    doc = document("川办发〔2016〕99号", "关于某事的通知", tasks=[task(["一"], "做某事。", [UNIT_A])])
    doc.update(changes)
    return contract(doc)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes, where",
    [
        ({"doc_number": "号" * 500}, "doc_number"),
        ({"tasks": [task(["一"], "做某事。", ["单" * 500])]}, "name"),
        (
            {
                "tasks": [
                    {
                        **task(["一"], "做某事。", [UNIT_A]),
                        "span": {"start": 2**70, "end": 2**70 + 1, "line_start": 1, "line_end": 1},
                    }
                ]
            },
            "span",
        ),
        ({"targets": [target("覆盖率", float("nan"))]}, "value"),
        ({"targets": [target("覆盖率", float("inf"))]}, "value"),
        ({"targets": [target("覆盖率", 10**400)]}, "value"),
        ({"targets": [target("覆盖率", 1, value_max=float("-inf"))]}, "value_max"),
        ({"targets": [target("覆盖率", 1, deadline="9999-12-31")]}, "deadline"),
        ({"date": "0001-01-01"}, "date"),
    ],
)
def test_bad_values_in_a_contract_refuse_the_file_with_a_location(changes: dict[str, Any], where: str) -> None:
    with pytest.raises(ContractError) as caught:
        import_contract(_contract_with(**changes), file_sha256="1" * 64)
    assert "documents[0]" in caught.value.message and where in caught.value.message
    assert not Document.objects.exists() and not AuditLog.objects.exists()


@pytest.mark.django_db
def test_a_document_without_a_title_imports(tmp_path: Path) -> None:
    """The pipeline's own output: title null (and doc_number null) is what the contract allows."""
    source = tmp_path / "notitle.txt"
    source.write_text("一、省发展改革委要加强领导，2016年底前完成。\n二、省财政厅负责保障资金。\n", encoding="utf-8")
    import_file(source)
    (doc,) = Document.objects.all()
    assert doc.title == "" and doc.doc_number is None
    import_file(source)  # the same content again: the same document
    assert Document.objects.count() == 1
    numbered = document("川办发〔2016〕7号", None)
    import_contract(contract(numbered), file_sha256="2" * 64)
    assert Document.objects.get(doc_number="川办发〔2016〕7号").title == ""


def test_the_importer_accepts_null_wherever_the_pipeline_may_write_null() -> None:
    """Agreement by construction: every Optional field of the pipeline's document reads as null."""
    import msgspec

    from luoshi.model import Document as PipelineDocument
    from luoshi_web.registry.contract import read_document

    optional = [f.name for f in msgspec.structs.fields(PipelineDocument) if "None" in str(f.type) and f.name != "span"]
    assert {"doc_number", "title", "date", "genre", "forwarded_title"} <= set(optional)
    for name in optional:
        raw = json.loads(json.dumps(D1))
        raw[name] = None
        read_document(raw, "documents[0]", {})


@pytest.mark.django_db
def test_validation_is_the_models_not_the_routers() -> None:
    """The admin, the CLI and services get the same check: it is in the model's save."""
    with pytest.raises(Invalid, match="name"):
        Unit.objects.create(name="单" * 201)
    with pytest.raises(Invalid, match="Infinity"):
        Target.objects.create(
            document=Document.objects.create(key="k", title="t"),
            match_key="m",
            text="t",
            indicator="i",
            kind="level",
            comparator=">=",
            value=float("inf"),
        )
