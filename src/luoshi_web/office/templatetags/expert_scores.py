"""The expert home's link to their own 第三方测评 scores: ``{% expert_score_years as years %}``."""

from __future__ import annotations

from django import template

from luoshi_web.office import views_expert_scores

register = template.Library()


@register.simple_tag
def expert_score_years() -> list[int]:
    """The years whose assessment is open for the expert's scores (see ``views_expert_scores.open_years``)."""
    return views_expert_scores.open_years()
