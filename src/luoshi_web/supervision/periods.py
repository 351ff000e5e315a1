"""Reporting periods by name: ``2016Q2`` (quarter), ``2016H1`` (half-year), ``2016`` (year)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext, gettext_lazy

from luoshi_web.registry.errors import Invalid

_PERIOD = re.compile(r"^(\d{4})(?:([QqHh])([1-4]))?$")
_QUARTER_NAMES = {
    1: gettext_lazy("第一季度"),
    2: gettext_lazy("第二季度"),
    3: gettext_lazy("第三季度"),
    4: gettext_lazy("第四季度"),
}


@dataclass(frozen=True)
class Period:
    name: str
    start: date
    end: date
    label: str  # 2016年第二季度


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_period(text: str) -> Period:
    match = _PERIOD.match(text.strip())
    if not match or not 2000 <= int(match.group(1)) <= 2100:
        raise Invalid(
            gettext("期间“%(text)s”无效，应为 2016Q2（季度）、2016H1（半年）或 2016（年度）") % {"text": text}
        )
    year = int(match.group(1))
    kind = (match.group(2) or "").upper()
    number = int(match.group(3)) if match.group(3) else 0
    if kind == "Q":
        first = 3 * (number - 1) + 1
        label = gettext("%(year)s年%(quarter)s") % {"year": year, "quarter": _QUARTER_NAMES[number]}
        return Period(f"{year}Q{number}", date(year, first, 1), _month_end(year, first + 2), label)
    if kind == "H":
        if number > 2:
            raise Invalid(gettext("半年只有 H1 和 H2：“%(text)s”") % {"text": text})
        first = 1 if number == 1 else 7
        label = (
            gettext("%(year)s年上半年") % {"year": year}
            if number == 1
            else gettext("%(year)s年下半年") % {"year": year}
        )
        return Period(f"{year}H{number}", date(year, first, 1), _month_end(year, first + 5), label)
    return Period(str(year), date(year, 1, 1), date(year, 12, 31), gettext("%(year)s年度") % {"year": year})
