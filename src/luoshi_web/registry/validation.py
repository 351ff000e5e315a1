"""What a value may be before it is written: the one place, the same on every database.

SQLite stores a 100,000-character string in a ``varchar(50)``, ``Infinity`` in a
float column and 2^70 in an integer column; PostgreSQL refuses all three with a
``DataError`` (a 500), and a non-finite float cannot even be written as JSON (the
audit row fails). So the registry checks every value itself, before writing, by the
rules below, whatever the database:

- text: at most the column's ``max_length`` characters, no NUL character;
- numbers: finite (no ``Infinity``/``NaN``), integers within PostgreSQL's range for the
  column's type (positive types from 0), so both databases accept what one accepts;
- dates: between :data:`DATE_MIN` and :data:`DATE_MAX`, so date arithmetic (a cycle's due
  date, a quarter's end) can never overflow;
- JSON: finite numbers only, at any depth.

:func:`check_instance` applies them to every concrete field of a row; every audited model
calls it from ``save`` (``models.AuditedModel``), so the API, the importer, the admin and the
CLI all get the same 422 with a message naming the field. Readers of outside input (the
import contract, the API schemas) call the single-value checks to name the place precisely.
"""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Any

from django.db import models
from django.utils.translation import gettext

from luoshi_web.registry.errors import Invalid, located

# The calendar the registry works in: wide enough for any document or deadline, narrow
# enough that adding a grace period or a quarter to a date cannot leave Python's range.
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2199, 12, 31)

# PostgreSQL's integer ranges by Django field type (SQLite's are wider): the common rule.
SMALL = (-(2**15), 2**15 - 1)
REGULAR = (-(2**31), 2**31 - 1)
BIG = (-(2**63), 2**63 - 1)
INTEGER_RANGES: dict[str, tuple[int, int]] = {
    "SmallIntegerField": SMALL,
    "PositiveSmallIntegerField": (0, SMALL[1]),
    "IntegerField": REGULAR,
    "PositiveIntegerField": (0, REGULAR[1]),
    "BigIntegerField": BIG,
    "PositiveBigIntegerField": (0, BIG[1]),
    "AutoField": (1, REGULAR[1]),
    "BigAutoField": (1, BIG[1]),
    "SmallAutoField": (1, SMALL[1]),
}


def text(value: str, where: str, max_length: int | None) -> str:
    if "\x00" in value:
        raise Invalid(located(where, gettext("不能含有 NUL 字符")))
    if max_length is not None and len(value) > max_length:
        raise Invalid(
            located(
                where, gettext("最多 %(max)s 个字符（此处 %(length)s 个）") % {"max": max_length, "length": len(value)}
            )
        )
    return value


def finite(value: float, where: str) -> float:
    if not math.isfinite(value):
        raise Invalid(located(where, gettext("应为有限的数（不能是 Infinity 或 NaN）")))
    return value


def integer(value: int, where: str, bounds: tuple[int, int] = BIG) -> int:
    low, high = bounds
    if not low <= value <= high:
        raise Invalid(located(where, gettext("应在 %(low)s 到 %(high)s 之间") % {"low": low, "high": high}))
    return value


def day(value: date, where: str) -> date:
    if not DATE_MIN <= value <= DATE_MAX:
        raise Invalid(located(where, gettext("日期应在 %(min)s 到 %(max)s 之间") % {"min": DATE_MIN, "max": DATE_MAX}))
    return value


def json_value(value: Any, where: str) -> Any:
    """Refuse what is not JSON: a non-finite number anywhere inside ``value``."""
    try:
        json.dumps(value, allow_nan=False, default=str)
    except ValueError:
        raise Invalid(located(where, gettext("应为有效的 JSON（不能含 Infinity 或 NaN）"))) from None
    return value


def check_field(field: models.Field, value: Any, where: str) -> None:
    """One column's value by the rules above (``None`` and unknown types pass)."""
    if value is None or getattr(field, "generated", False):
        return
    if isinstance(field, models.JSONField):
        json_value(value, where)
    elif isinstance(field, models.CharField | models.TextField) and isinstance(value, str):
        text(value, where, field.max_length)
    elif isinstance(field, models.FloatField) and isinstance(value, float | int):
        finite(float(value), where)
    elif isinstance(field, models.IntegerField | models.AutoField) and isinstance(value, int):
        integer(value, where, INTEGER_RANGES.get(field.get_internal_type(), BIG))
    elif isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        if isinstance(value, date):
            day(value, where)


def check_update(model: type[models.Model], values: dict[str, Any], computed: frozenset[str] = frozenset()) -> None:
    """The values of a bulk ``QuerySet.update()`` by the same rules as :func:`check_instance`.

    A plain value is checked like a saved one. A database expression (``F``, ``Subquery``...)
    cannot be checked before it is written, so it is refused unless the field is one of
    ``computed`` (a cache the model recomputes from rows that were checked when saved).
    """
    opts = model._meta
    for name, value in values.items():
        field = opts.get_field(name)
        where = f"{opts.verbose_name} {field.name}"
        if hasattr(value, "resolve_expression"):
            if field.name not in computed:
                raise Invalid(located(where, gettext("批量更新只能写入已核对的值，不能写入数据库表达式")))
            continue
        if isinstance(field, models.ForeignKey):
            continue
        if isinstance(value, models.Model):
            value = value.pk
        check_field(field, value, where)


def check_instance(instance: models.Model) -> None:
    """Every concrete column of ``instance``; raises :class:`Invalid` naming the first bad one."""
    opts = instance._meta
    for field in opts.concrete_fields:
        if isinstance(field, models.ForeignKey) or getattr(field, "generated", False):
            continue  # the key of a row that exists; a column the database computes
        value = field.value_from_object(instance)
        if isinstance(value, models.fields.files.FieldFile):
            value = value.name
        check_field(field, value, f"{opts.verbose_name} {field.name}")
