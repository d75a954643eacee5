"""CJK line breaking: nothing sticks out of its column, punctuation rules, Latin runs, newlines."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.layout.linebreak import NO_LINE_END, NO_LINE_START, break_lines


def em(text: str) -> float:
    """A simple font: CJK characters one em (10 units), everything else half an em."""
    return sum(10.0 if ord(ch) > 0x2000 else 5.0 for ch in text)


def texts(lines) -> list[str]:
    return [line.text for line in lines]


def test_cjk_text_breaks_by_character_and_keeps_every_character():
    text = "加强政务公开平台建设和信息发布工作"
    lines = break_lines(text, 50, em)
    assert texts(lines) == ["加强政务公", "开平台建设", "和信息发布", "工作"]
    assert [line.last for line in lines] == [False, False, False, True]
    assert all(line.width <= 50 for line in lines)


def test_enumeration_comma_never_starts_a_line_and_never_sticks_out():
    # 5 characters per line: the 、 after 局 would start line 2, so 局 moves down with it.
    lines = break_lines("区财政局局、区教育局", 50, em)
    assert texts(lines) == ["区财政局", "局、区教育", "局"]
    assert all(not line.text.startswith("、") for line in lines)
    assert all(line.width <= 50 for line in lines)


def test_opening_bracket_never_ends_a_line():
    # 4 characters per line: （ would end line 1, so it moves down with 镇.
    lines = break_lines("各街道（镇）", 40, em)
    assert texts(lines) == ["各街道", "（镇）"]


def test_latin_and_digit_runs_stay_whole_unless_longer_than_a_line():
    assert texts(break_lines("完成时限2024年", 55, em)) == ["完成时限", "2024年"]
    long_run = "A" * 25
    lines = break_lines(long_run, 50, em)
    assert texts(lines) == ["A" * 10, "A" * 10, "A" * 5]


def test_newlines_start_paragraphs_and_empty_text_has_no_lines():
    lines = break_lines("第一段\n第二段", 100, em)
    assert texts(lines) == ["第一段", "第二段"]
    assert all(line.last for line in lines)
    assert break_lines("", 100, em) == []
    assert texts(break_lines("a\n\nb", 100, em)) == ["a", "", "b"]


def test_a_column_narrower_than_one_character_still_shows_everything():
    lines = break_lines("政务、公开", 5, em)
    assert "".join(texts(lines)) == "政务、公开"
    assert all(len(line.text) == 1 for line in lines)


_ALPHABET = st.sampled_from(list("政务公开区财政局教育街道镇加强工作") + list("、，。；）（“”") +
                            list("AB12 .%"))
_WORD = st.text(st.sampled_from(list("政务公开区财政局教育街道镇加强工作")), min_size=1, max_size=6)
_BRACKETED = st.one_of(_WORD, _WORD.map(lambda w: f"（{w}）"))
_SENTENCE = st.lists(st.tuples(_BRACKETED, st.sampled_from(list("、，。；"))), max_size=12).map(
    lambda parts: "".join(word + mark for word, mark in parts))


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=80), st.integers(min_value=10, max_value=200))
def test_property_lines_fit_and_keep_the_text(text: str, width: int):
    lines = break_lines(text, width, em)
    assert re.sub(r"\s", "", "".join(texts(lines))) == re.sub(r"\s", "", text)
    for index, line in enumerate(lines):
        assert line.text == line.text.rstrip() and (line.text or len(lines) == 1)
        assert index == 0 or line.text == line.text.lstrip()  # a break swallows the space there
        assert line.width == em(line.text)
        assert line.width <= width or len(line.text) == 1


@settings(max_examples=300, deadline=None)
@given(_SENTENCE, st.integers(min_value=50, max_value=200))
def test_property_punctuation_rules_hold_in_ordinary_text(text: str, width: int):
    lines = break_lines(text, width, em)
    assert "".join(texts(lines)) == text
    for line in lines:
        assert line.width <= width
        assert line.text[:1] not in NO_LINE_START
        assert line.last or line.text[-1:] not in NO_LINE_END
