"""Supervision's messages are zh-Hans by default and English when asked."""

from __future__ import annotations

import pytest
from django.utils import translation

from luoshi_web.registry.errors import Invalid
from luoshi_web.supervision.periods import parse_period


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hans", "期间“2016Q9”无效"), ("en", "Period “2016Q9” is invalid")],
)
def test_period_error_in_both_languages(language: str, expected: str) -> None:
    with translation.override(language), pytest.raises(Invalid) as caught:
        parse_period("2016Q9")
    assert caught.value.message.startswith(expected)


def test_period_label_in_english() -> None:
    with translation.override("en"):
        assert parse_period("2016Q2").label == "second quarter of 2016"
