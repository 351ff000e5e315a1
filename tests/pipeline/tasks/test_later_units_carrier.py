"""The item that carries a later-units note lists the note's units where it is written (guide:
``以下均需各市（州）人民政府落实，不再列出`` adds the unit to every later task, "the item that
carries the note lists it where it is written")."""

from __future__ import annotations

from doc_builder import tasks_by_path


def test_the_carrying_item_lists_the_notes_unit_after_its_own():
    got = tasks_by_path(
        [
            (("一",), ["加强组织领导。（省发展改革委负责。以下均需各市（州）人民政府落实，不再列出）"]),
            (("二",), ["优化营商环境。（省市场监管局负责）"]),
        ]
    )
    assert got[("一",)].units == ("省发展改革委", "各市（州）人民政府")
    assert got[("二",)].units == ("省市场监管局", "各市（州）人民政府")
    assert got[("一",)].lead_units == got[("二",)].lead_units == ()  # a note adds no lead


def test_a_carrying_item_that_prints_the_unit_lists_it_once_where_printed():
    got = tasks_by_path(
        [
            (
                ("一",),
                ["加强组织领导。（各市（州）人民政府、省发展改革委负责。以下均需各市（州）人民政府落实，不再列出）"],
            ),
            (("二",), ["优化营商环境。（省市场监管局负责）"]),
        ]
    )
    assert got[("一",)].units == ("各市（州）人民政府", "省发展改革委")
    assert got[("二",)].units == ("省市场监管局", "各市（州）人民政府")


def test_an_item_before_the_note_gets_nothing_from_it():
    got = tasks_by_path(
        [
            (("一",), ["加强组织领导。（省发展改革委负责）"]),
            (("二",), ["优化营商环境。（省市场监管局负责。以下均需各市（州）人民政府落实，不再列出）"]),
        ]
    )
    assert got[("一",)].units == ("省发展改革委",)
    assert got[("二",)].units == ("省市场监管局", "各市（州）人民政府")
