"""Fixtures for the registry tests: a small world of documents, units and personas.

The world: unit A (省发展改革委) and unit B (省财政厅); document D1 (unpublished)
with a task for A only, a task for B only and a task led by A with B
co-responsible; document D2 (published) with a task for A. Personas: supervisor,
leader, reporter of A, reporter of B, expert (assigned to A's task), anonymous.
Each authenticated persona calls the API with its own bearer token.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from luoshi_web.registry import tokens
from luoshi_web.registry.importer import import_contract
from luoshi_web.registry.models import Document, Profile, ReportingCycle, ReviewAssignment, Role, Task, Unit

GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "gold"

UNIT_A = "省发展改革委"
UNIT_B = "省财政厅"


def task(path: list[str], text: str, units: list[str], lead_units: list[str] | None = None) -> dict[str, Any]:
    return {"path": path, "text": text, "units": units, "lead_units": lead_units or []}


def target(indicator: str, value: float, deadline: str | None = "2016-12-31", **extra: Any) -> dict[str, Any]:
    return {
        "text": f"{indicator}达到{value}",
        "indicator": indicator,
        "kind": "level",
        "comparator": ">=",
        "value": value,
        "value_max": None,
        "unit": "%",
        "deadline": deadline,
        **extra,
    }


def document(doc_number: str | None, title: str, tasks=(), targets=(), references=()) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return {
        "doc_number": doc_number,
        "title": title,
        "issuers": ["四川省人民政府办公厅"],
        "date": "2016-03-03",
        "addressees": ["各市（州）人民政府"],
        "genre": "通知",
        "forwarded_title": None,
        "tasks": list(tasks),
        "targets": list(targets),
        "references": list(references),
    }


def contract(*documents: dict[str, Any]) -> dict[str, Any]:
    return {"schema": "luoshi.parse/1", "documents": [copy.deepcopy(d) for d in documents]}


D1 = document(
    "川办发〔2016〕14号",
    "四川省人民政府办公厅关于印发工作要点的通知",
    tasks=[
        task(["一", "1"], "完善投资项目在线审批监管平台，2016年底前全面运行。", [UNIT_A]),
        task(["一", "2"], "清理规范财政专项资金。", [UNIT_B]),
        task(["二", "1"], "推进政府购买服务改革。", [UNIT_A, UNIT_B], [UNIT_A]),
    ],
    targets=[target("修改废止项目占比", 50)],
    references=[{"doc_number": "国发〔2015〕1号", "title": "关于某事的通知"}],
)
D2 = document(
    "川办函〔2016〕23号",
    "四川省人民政府办公厅关于印发农村电子商务实施方案的通知",
    tasks=[task(["一"], "建设县级电子商务服务中心。", [UNIT_A])],
    targets=[target("电子商务进农村覆盖率", 80)],
)


@dataclass
class World:
    unit_a: Unit
    unit_b: Unit
    d1: Document
    d2: Document
    task_a: Task
    task_b: Task
    task_ab: Task
    task_public: Task
    cycle: ReportingCycle
    users: dict[str, Any] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)

    def client(self, persona: str) -> Client:
        """An API client acting as ``persona`` (``anonymous`` has no credentials)."""
        if persona == "anonymous":
            return Client()
        return Client(HTTP_AUTHORIZATION=f"Bearer {self.keys[persona]}")

    def actor(self, persona: str):  # type: ignore[no-untyped-def]
        from luoshi_web.registry.permissions import ANONYMOUS, actor_for

        return ANONYMOUS if persona == "anonymous" else actor_for(self.users[persona])


PERSONAS = ("supervisor", "leader", "reporter_a", "reporter_b", "expert", "anonymous")


def make_user(username: str, role: str | None, unit: Unit | None = None, *, superuser: bool = False) -> Any:
    user = get_user_model().objects.create_user(username=username, password="x" * 12, is_superuser=superuser)
    if role is not None and not superuser:
        Profile.objects.create(user=user, role=role, unit=unit)
    return user


@pytest.fixture
def world(db) -> World:  # type: ignore[no-untyped-def]
    unit_a = Unit.objects.create(name=UNIT_A, kind="department")
    unit_b = Unit.objects.create(name=UNIT_B, kind="department")
    import_contract(contract(D1, D2), file_sha256="0" * 64, source_name="world.json")
    d1 = Document.objects.get(doc_number=D1["doc_number"])
    d2 = Document.objects.get(doc_number=D2["doc_number"])
    d2.published = True
    d2.save()
    cycle = ReportingCycle.objects.create(name="2016Q2", period_start=date(2016, 4, 1), period_end=date(2016, 6, 30))
    world = World(
        unit_a=unit_a,
        unit_b=unit_b,
        d1=d1,
        d2=d2,
        task_a=Task.objects.get(document=d1, path_key="一/1"),
        task_b=Task.objects.get(document=d1, path_key="一/2"),
        task_ab=Task.objects.get(document=d1, path_key="二/1"),
        task_public=Task.objects.get(document=d2, path_key="一"),
        cycle=cycle,
    )
    world.users = {
        "admin": make_user("admin", None, superuser=True),
        "supervisor": make_user("supervisor", Role.SUPERVISOR),
        "leader": make_user("leader", Role.LEADER),
        "reporter_a": make_user("reporter_a", Role.REPORTER, unit_a),
        "reporter_b": make_user("reporter_b", Role.REPORTER, unit_b),
        "expert": make_user("expert", Role.EXPERT),
    }
    ReviewAssignment.objects.create(expert=world.users["expert"], task=world.task_a)
    world.keys = {name: tokens.issue(user, "test") for name, user in world.users.items()}
    return world


def post_json(client: Client, url: str, body: Any = None, method: str = "post") -> Any:
    return getattr(client, method)(url, data=json.dumps(body or {}), content_type="application/json")


@pytest.fixture
def gold_seed() -> dict[str, Any]:
    return json.loads((GOLD / "000_a19204d3cc4468c5.gold.json").read_text(encoding="utf-8"))
