"""Printed tables line up by display width: a Chinese character takes two columns, as in a terminal."""

import pytest

from xentlib.display import pad, width


def test_width_counts_cjk_and_full_width_as_two():
    assert width("loss") == 4
    assert width("损失") == 4
    assert width("类别索引：/ N") == 13  # four characters and a full-width colon, then ASCII


@pytest.mark.parametrize("align", ["<", ">"])
def test_labels_in_both_languages_end_in_the_same_column(align):
    rows = [pad(label, 20, align) + "|" for label in ("finite differences", "有限差分", "torch 自动求导")]
    assert {width(row) for row in rows} == {21}
    assert rows[0].startswith("finite") if align == "<" else rows[0].endswith("differences|")


def test_an_ascii_label_pads_like_a_format_spec():
    assert pad("mean", 8) == f"{'mean':<8}" and pad("mean", 8, ">") == f"{'mean':>8}"
    assert pad("longer than the width", 4) == "longer than the width"
