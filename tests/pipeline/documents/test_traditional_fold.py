"""The traditional-to-simplified fold: one for one, and never a character simplified text prints."""

from luoshi.patterns import _EXTRACTION_PAIRS, _SIMPLIFIED, _TRADITIONAL, TRADITIONAL_FOLD, fold_traditional
from luoshi.read.encoding import _in_gb2312


def test_fold_is_one_for_one_and_never_folds_a_simplified_character():
    assert len(_TRADITIONAL) == len(_SIMPLIFIED)
    assert len(set(_TRADITIONAL)) == len(_TRADITIONAL)  # each traditional character once
    # GB2312, the simplified character set, prints none of them but 於 (a surname in simplified
    # text; the header's fold reads 關於 with it)
    assert [c for c in _TRADITIONAL if _in_gb2312(c)] == ["於"]
    assert all(not _in_gb2312(traditional) for traditional, _ in _EXTRACTION_PAIRS)
    assert [c for c in _SIMPLIFIED if not _in_gb2312(c)] == []
    assert not set(_TRADITIONAL) & set(_SIMPLIFIED)


def test_fold_keeps_length_and_leaves_simplified_text_alone():
    text = "到2025年，全縣農村公路優良中等路率達到85%以上（責任單位：縣財政局）"
    folded = fold_traditional(text)
    assert len(folded) == len(text)
    assert folded == "到2025年，全县农村公路优良中等路率达到85%以上（责任单位：县财政局）"
    assert fold_traditional(folded) is folded
    assert "後".translate(TRADITIONAL_FOLD) == "後"  # GB2312 prints it: left out of the fold
