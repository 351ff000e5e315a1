"""Charts drawn on the server: the bulletin's completion bars (PNG, Pillow) and the dashboard's trajectories (SVG).

No CJK font is needed: bars are labelled with the 序号 of the table beside them and
with their rate; the Chinese caption is text in the document. Geometry is fixed so
the picture reads on paper and a projector alike.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1600, 700
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 110, 40, 60, 80
BAR = (0xC0, 0x00, 0x00)  # the red of official documents
GRID = (0xD0, 0xD0, 0xD0)
INK = (0x20, 0x20, 0x20)
MAX_BARS = 40


def plot_area() -> tuple[int, int, int, int]:
    return MARGIN_LEFT, MARGIN_TOP, WIDTH - MARGIN_RIGHT, HEIGHT - MARGIN_BOTTOM


def bar_box(index: int, count: int, rate: float) -> tuple[int, int, int, int]:
    """Where bar ``index`` of ``count`` with ``rate`` (0–100) is drawn: left, top, right, bottom."""
    left, top, right, bottom = plot_area()
    slot = (right - left) / count
    width = max(4, int(slot * 0.6))
    x = int(left + slot * index + (slot - width) / 2)
    y = int(bottom - (bottom - top) * max(0.0, min(rate, 100.0)) / 100)
    return x, y, x + width, bottom


def completion_bars(rates: Sequence[float | None]) -> bytes:
    """One bar per entry (None: nothing to measure, no bar), 0–100 %, with gridlines every 20 %."""
    rates = list(rates)[:MAX_BARS]
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=26)
    left, top, right, bottom = plot_area()
    for step in range(0, 101, 20):
        y = int(bottom - (bottom - top) * step / 100)
        draw.line([(left, y), (right, y)], fill=GRID, width=2)
        draw.text((left - 12, y), f"{step}%", fill=INK, font=font, anchor="rm")
    draw.line([(left, bottom), (right, bottom)], fill=INK, width=3)
    for index, rate in enumerate(rates):
        x0, y0, x1, y1 = bar_box(index, max(1, len(rates)), rate or 0.0)
        centre = (x0 + x1) // 2
        draw.text((centre, bottom + 14), str(index + 1), fill=INK, font=font, anchor="mt")
        if rate is None:
            continue
        if y1 > y0:
            draw.rectangle([x0, y0, x1, y1 - 1], fill=BAR)
        draw.text((centre, y0 - 8), f"{rate:.1f}", fill=INK, font=font, anchor="mb")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


# --- the dashboard's small trajectory charts (server-side SVG geometry) --------------------------

SPARK_W, SPARK_H, SPARK_PAD = 240, 64, 6


def trajectory(points: Sequence[Sequence[object]], goal: float | None) -> dict[str, object]:
    """Coordinates of a target's small chart: its observations (``[[iso date, value], …]``, oldest
    first) as a line, and the goal as a dashed level, in a ``SPARK_W`` × ``SPARK_H`` box."""
    chart: dict[str, object] = {"width": SPARK_W, "height": SPARK_H, "line": "", "goal_y": None, "last": None}
    if not points:
        return chart
    days = [date.fromisoformat(str(day)) for day, _value in points]
    values = [float(value) for _day, value in points]  # type: ignore[arg-type]
    span_values = values + ([goal] if goal is not None else [])
    low, high = min(span_values), max(span_values)
    if high == low:
        low, high = low - 1, high + 1
    first, span = days[0], max(1, (days[-1] - days[0]).days)
    inner_w, inner_h = SPARK_W - 2 * SPARK_PAD, SPARK_H - 2 * SPARK_PAD

    def y(value: float) -> float:
        return round(SPARK_PAD + inner_h * (high - value) / (high - low), 1)

    xs = [round(SPARK_PAD + inner_w * ((d - first).days / span if len(days) > 1 else 0.5), 1) for d in days]
    coords = list(zip(xs, (y(v) for v in values), strict=True))
    chart["line"] = " ".join(f"{x},{yy}" for x, yy in coords)
    chart["last"] = {"x": coords[-1][0], "y": coords[-1][1]}
    chart["goal_y"] = y(goal) if goal is not None else None
    return chart
