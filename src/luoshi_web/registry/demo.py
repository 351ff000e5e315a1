"""A demonstration registry: the seed gazette imported, accounts for every role, a living ledger.

Used by ``luoshi demo``. Passwords are random and printed once: a demo that
ships known passwords is a demo someone forgets to switch off.

What a visitor finds (built once; a second run only renews the passwords):
- the six documents of the seed gazette, public as a gazette is, with units for the
  bodies they name; group names that are no single body (省直相关部门,
  各市（州）、县（市、区）人民政府) stay unlinked, on the supervisor's attention list;
- reporters of real units of the seed: 商务厅 (the provincial department that leads the
  rural e-commerce tasks of 川办函〔2016〕23号), 省发展改革委 (leads tasks of 川办发〔2016〕14号)
  and 绵阳市人民政府 (the city government that issued 绵府发〔2016〕5号/6号), which the
  office has named a co-unit of three e-commerce tasks addressed to every city;
- last quarter closed with accepted reports; this quarter open with a report waiting
  for review, one returned with its reason, a draft, a co-unit contribution, and a final
  report with evidence accepted (that task is 已完成); observations for three targets.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

import luoshi_web
from luoshi_web.registry import audit, cycles, evidence, units
from luoshi_web.registry.ingest import import_file
from luoshi_web.registry.models import (
    AssignmentRole,
    CycleStatus,
    Document,
    Evaluation,
    Observation,
    Profile,
    Report,
    ReportingCycle,
    ReviewAssignment,
    Role,
    Target,
    Task,
    TaskUnit,
    Unit,
    UnitKind,
    UnresolvedUnitName,
)
from luoshi_web.registry.permissions import Actor

SEED_NAME = "000_a19204d3cc4468c5.txt"

# Names in the seed that stand for many bodies at once: left for a person to decide.
GROUP_NAMES = ("省直相关部门", "各市（州）、县（市、区）人民政府")
CITY = "绵阳市人民政府"
# (username, unit name): a provincial department that leads tasks, another, a city government.
REPORTERS = (("reporter1", "商务厅"), ("reporter2", "省发展改革委"), ("reporter3", CITY))


def default_seed() -> Path:
    """The seed gazette in the shared corpus next to the repository (``../shared/corpus``)."""
    repo = Path(luoshi_web.__file__).resolve().parents[2]
    for base in (repo.parent / "shared", Path.cwd().parent / "shared", Path.cwd() / "shared"):
        candidate = base / "corpus" / SEED_NAME
        if candidate.exists():
            return candidate
    return repo.parent / "shared" / "corpus" / SEED_NAME


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    unit: str | None
    password: str


def _account(username: str, role: str, unit_id: int | None = None, *, superuser: bool = False) -> str:
    User = get_user_model()
    password = secrets.token_urlsafe(9)
    user = User.objects.filter(username=username).first() or User(username=username)
    user.is_staff = superuser or role in (Role.ADMIN, Role.SUPERVISOR)
    user.is_superuser = superuser
    user.set_password(password)
    user.save()
    if not superuser:
        Profile.objects.update_or_create(user=user, defaults={"role": role, "unit_id": unit_id})
    return password


def _kind_for(name: str) -> str:
    if name.endswith("人民政府"):
        return UnitKind.CITY if "市" in name else UnitKind.OTHER
    return UnitKind.DEPARTMENT


def _units() -> None:
    for entry in UnresolvedUnitName.objects.filter(resolved_unit__isnull=True).exclude(name__in=GROUP_NAMES):
        units.create_unit_for(entry, kind=_kind_for(entry.name))


def _moment(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _task(path_key: str, doc_number: str) -> Task | None:
    return Task.objects.filter(document__doc_number=doc_number, path_key=path_key, active=True).first()


def _file(who: Actor, task: Task, cycle: ReportingCycle, on: date, **fields) -> Report:  # type: ignore[no-untyped-def]
    report = cycles.save_report(who, task, cycle, **fields)
    return cycles.submit(who, report, now=_moment(on))


def _minutes(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


def _living_ledger(today: date, office: Actor, reporters: dict[str, Actor], expert) -> None:  # type: ignore[no-untyped-def]
    """Two quarters of reporting on the seed's tasks, as an office would have them."""
    ecommerce, plan = "川办函〔2016〕23号", "川办发〔2016〕14号"
    commerce, ndrc, city = (reporters[u] for u, _ in REPORTERS)
    market, network, services = (_task(p, ecommerce) for p in ("三/一", "三/二", "三/五"))
    ndrc_task = (
        Task.objects.filter(document__doc_number=plan, active=True, assignments__unit_id=ndrc.unit_id)
        .filter(assignments__role=AssignmentRole.LEAD, assignments__unit_id=ndrc.unit_id)
        .order_by("id")
        .first()
    )
    if None in (market, network, services):
        return  # a different seed: accounts only
    # The office names the city government a co-unit of tasks the text gives to every city.
    with audit.acting_as(office.user, "task.edit"):
        for task in (market, network, services):
            TaskUnit.objects.get_or_create(
                task=task,
                name=CITY,
                defaults={"unit_id": city.unit_id, "role": AssignmentRole.CO, "position": 99},
            )

    # Last quarter: reported, accepted, closed.
    prev_start, prev_end, prev_name = cycles.quarter_of(cycles.quarter_of(today)[0] - timedelta(days=1))
    previous = cycles.open_cycle(office, period_start=prev_start, period_end=prev_end, name=prev_name)
    filed_on = prev_end + timedelta(days=8)
    first = _file(
        commerce,
        market,
        previous,
        filed_on,
        progress="会同省供销社、省邮政管理局培育农村电子商务市场主体，新增县级运营中心12个。",
        percent=40,
        next_steps="推动第三方平台开设地方特色馆。",
    )
    cycles.accept(office, first, now=_moment(filed_on + timedelta(days=2)))
    part = _file(
        city, market, previous, filed_on, progress="绵阳市建成县级电商服务中心3个、村级服务站210个。", percent=45
    )
    cycles.accept(office, part, now=_moment(filed_on + timedelta(days=2)))
    cycles.close(office, previous, today=previous.due_date + timedelta(days=1))

    # This quarter: open, in every state a ledger shows.
    start, end, name = cycles.quarter_of(today)
    current = ReportingCycle.objects.filter(period_start=start, period_end=end).first() or cycles.open_cycle(
        office, period_start=start, period_end=end, name=name
    )
    on = max(start, today - timedelta(days=3))  # filed a few days ago
    _file(
        commerce,
        market,
        current,
        on,
        progress="县级电商运营中心增至27个，第三方平台地方特色馆上线5个。",
        percent=70,
        problems="部分县物流配送成本偏高。",
        next_steps="整合邮政、供销网点开展共同配送。",
    )
    returned = _file(commerce, network, current, on, progress="推动连锁企业向农村延伸网点。", percent=30)
    cycles.return_report(office, returned, "佐证材料不全：请补充新建乡镇配送网点清单，并写明完成比例的测算口径。")
    cycles.save_report(commerce, services, current, progress="正在汇总各市（州）综合服务站点情况。", percent=20)
    _file(city, network, current, on, progress="绵阳市新建乡镇商贸配送网点18个。", percent=50)
    if ndrc_task is not None:
        final = cycles.save_report(
            ndrc,
            ndrc_task,
            current,
            progress="投资项目在线审批监管平台已在省、市、县三级全面运行。",
            percent=100,
            is_final=True,
        )
        evidence.attach(
            ndrc,
            final,
            _minutes("平台运行验收纪要.txt", "投资项目在线审批监管平台运行验收会议纪要：省、市、县三级全部接入。"),
        )
        cycles.submit(ndrc, final, now=_moment(on))
        cycles.accept(office, final)
        ReviewAssignment.objects.get_or_create(expert=expert, task=ndrc_task)
        with audit.acting_as(expert, "task.evaluate"):
            Evaluation.objects.create(
                task=ndrc_task, expert=expert, score=4, opinion="平台按期全面运行，监管数据尚需完善。"
            )

    # Observations of the e-commerce targets and of one target of the city's own plan, as the
    # statistics of the plan's own years reported them (the targets are due in 2017 and 2020).
    for indicator, source, points in (
        (
            "村级电子商务服务点覆盖率达60%",
            "省商务厅农村电商统计",
            ((date(2016, 3, 31), 35.0), (date(2016, 9, 30), 42.0), (date(2017, 3, 31), 49.0)),
        ),
        (
            "农村电子商务交易额1000亿元以上",
            "省商务厅农村电商统计",
            ((date(2016, 3, 31), 52e9), (date(2016, 12, 31), 71e9)),
        ),
        (
            "规模化养殖场畜禽粪便处理率达到90%",
            "绵阳市农业局年报",
            ((date(2015, 12, 31), 71.0), (date(2016, 12, 31), 76.0)),
        ),
    ):
        target = Target.objects.filter(text__contains=indicator, active=True).first()
        if target is None:
            continue
        recorder = city if target.document.issuers == [CITY] else commerce
        with audit.acting_as(recorder.user, "observation.add"):
            for as_of, value in points:
                Observation.objects.create(
                    target=target, value=value, as_of=as_of, source=source, created_by=recorder.user
                )


@transaction.atomic
def build(seed: Path, today: date) -> list[DemoAccount]:
    import_file(seed)
    _units()
    Unit.objects.get_or_create(name=CITY, defaults={"kind": UnitKind.CITY})
    # A gazette is public: every seed document is published (saved one by one: audited).
    for document in Document.objects.filter(published=False):
        document.published = True
        document.save()
    accounts = [DemoAccount("admin", Role.ADMIN, None, _account("admin", Role.ADMIN, superuser=True))]
    for username, role in (("supervisor", Role.SUPERVISOR), ("leader", Role.LEADER), ("expert", Role.EXPERT)):
        accounts.append(DemoAccount(username, role, None, _account(username, role)))
    User = get_user_model()
    reporters: dict[str, Actor] = {}
    for username, unit_name in REPORTERS:
        unit = Unit.objects.filter(name=unit_name).first()
        if unit is None:
            continue
        accounts.append(DemoAccount(username, Role.REPORTER, unit.name, _account(username, Role.REPORTER, unit.pk)))
        reporters[username] = Actor(user=User.objects.get(username=username), role=Role.REPORTER, unit_id=unit.pk)
    expert = User.objects.get(username="expert")
    office = Actor(user=User.objects.get(username="supervisor"), role=Role.SUPERVISOR)
    for task in Task.objects.filter(active=True, document__doc_number="川办函〔2016〕23号").order_by("id")[:3]:
        ReviewAssignment.objects.get_or_create(expert=expert, task=task)
    if not Report.objects.exists() and len(reporters) == len(REPORTERS):
        _living_ledger(today, office, reporters, expert)
    if not ReportingCycle.objects.filter(status=CycleStatus.OPEN).exists():
        cycles.open_quarter(office, today)
    return accounts
