"""The trajectory of a target as a server-side SVG: observations, the goal line and the deadline.

Returns plain coordinates for the template (``office/_target_chart.svg``) to draw, so
the page needs no script and no charting library, and prints as it shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 20, 40


@dataclass
class ChartPoint:
    x: float
    y: float
    label: str
    value: str


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    points: list[ChartPoint] = field(default_factory=list)
    line: str = ""
    goal_y: float | None = None
    goal_label: str = ""
    deadline_x: float | None = None
    deadline_label: str = ""
    projection: str = ""
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_top: int = TOP
    plot_bottom: int = HEIGHT - BOTTOM
    empty: bool = True


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.4g}"


def build(
    observations: list[tuple[date, float]], goal: float | None, deadline: date | None, projected: float | None
) -> Chart:
    chart = Chart()
    if not observations and goal is None:
        return chart
    days = [d for d, _ in observations] + ([deadline] if deadline else [])
    start = min(days) if days else date.today()
    end = max(days) if days else start + timedelta(days=365)
    if end <= start:
        end = start + timedelta(days=30)
    values = [v for _, v in observations] + ([goal] if goal is not None else [])
    if projected is not None:
        values.append(projected)
    low, high = min(values), max(values)
    if low == high:
        low, high = low - (abs(low) * 0.1 or 1), high + (abs(high) * 0.1 or 1)
    pad = (high - low) * 0.08
    low, high = (0 if low >= 0 and low - pad < 0 else low - pad), high + pad

    def x(day: date) -> float:
        return round(LEFT + (day - start).days / (end - start).days * (chart.plot_right - LEFT), 1)

    def y(value: float) -> float:
        return round(chart.plot_bottom - (value - low) / (high - low) * (chart.plot_bottom - TOP), 1)

    chart.empty = not observations
    chart.points = [ChartPoint(x(d), y(v), d.isoformat(), _fmt(v)) for d, v in observations]
    chart.line = " ".join(f"{p.x},{p.y}" for p in chart.points)
    if goal is not None:
        chart.goal_y, chart.goal_label = y(goal), _fmt(goal)
    if deadline is not None:
        chart.deadline_x, chart.deadline_label = x(deadline), deadline.isoformat()
        if projected is not None and observations:
            last_day, last_value = observations[-1]
            chart.projection = f"{x(last_day)},{y(last_value)} {x(deadline)},{y(projected)}"
    chart.y_ticks = [(y(low + (high - low) * i / 4), _fmt(low + (high - low) * i / 4)) for i in range(5)]
    chart.x_ticks = [(x(start), start.isoformat()), (x(end), end.isoformat())]
    return chart
