"""How a target is doing, from its observations: baseline, latest, attainment, on-track.

Pure functions over plain values so the rules are easy to test and reuse:
- baseline: the earliest observation; latest: the most recent one;
- the goal level: the target's value for a ``level`` target; for a ``change``
  target (value is a relative change in %) the baseline moved by that change;
- attainment ratio: progress made from the baseline toward the goal level
  (1.0 = reached); for a ``level`` target with a single observation, latest / goal;
- on track: the straight line through baseline and latest, extended to the
  deadline, meets the goal (or the goal is already met).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Point:
    as_of: date
    value: float


@dataclass(frozen=True)
class Progress:
    baseline: Point | None
    latest: Point | None
    goal: float | None
    attainment: float | None
    projected: float | None
    on_track: bool | None


def _meets(value: float, comparator: str, goal: float, goal_max: float | None) -> bool:
    if comparator == ">=":
        return value >= goal
    if comparator == ">":
        return value > goal
    if comparator == "<=":
        return value <= goal
    if comparator == "<":
        return value < goal
    if comparator == "between":
        return goal <= value <= (goal_max if goal_max is not None else goal)
    return value == goal


def goal_level(kind: str, value: float, baseline: Point | None) -> float | None:
    if kind == "change":
        if baseline is None:
            return None
        return baseline.value * (1 + value / 100)
    return value


def progress_of(target: Any, points: list[Point]) -> Progress:
    """``progress`` of a target row (anything with kind, comparator, value, value_max, deadline)."""
    return progress(
        kind=target.kind,
        comparator=target.comparator,
        value=target.value,
        value_max=target.value_max,
        deadline=target.deadline,
        points=points,
    )


def progress(
    *,
    kind: str,
    comparator: str,
    value: float,
    value_max: float | None,
    deadline: date | None,
    points: list[Point],
) -> Progress:
    ordered = sorted(points, key=lambda p: p.as_of)
    if not ordered:
        return Progress(None, None, goal_level(kind, value, None), None, None, None)
    baseline, latest = ordered[0], ordered[-1]
    goal = goal_level(kind, value, baseline)
    if goal is None:
        return Progress(baseline, latest, None, None, None, None)
    goal_max = goal_level(kind, value_max, baseline) if value_max is not None else None
    attainment: float | None
    if goal != baseline.value and len(ordered) > 1:
        attainment = (latest.value - baseline.value) / (goal - baseline.value)
    elif kind == "level" and goal != 0:
        attainment = latest.value / goal
    else:
        attainment = None
    met = _meets(latest.value, comparator, goal, goal_max)
    projected: float | None = None
    on_track: bool | None = True if met else None
    if deadline is not None and latest.as_of > baseline.as_of:
        slope = (latest.value - baseline.value) / (latest.as_of - baseline.as_of).days
        projected = latest.value + slope * (deadline - latest.as_of).days
        if not met:
            on_track = _meets(projected, comparator, goal, goal_max)
    elif not met and deadline is not None and latest.as_of > deadline:
        on_track = False
    return Progress(baseline, latest, goal, attainment, projected, on_track)
