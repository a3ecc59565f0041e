"""The terminal table is aligned by display width: CJK characters take two columns."""

from __future__ import annotations

import pytest

import ingredients
from ingredients._format import render_text
from ingredients._width import cut, display_width, pad


@pytest.mark.parametrize(
    ("text", "width"),
    [("Glycerin", 8), ("글리세린", 8), ("ＢＧ", 4), ("水", 2), ("e\u0301", 1), ("", 0)],
)
def test_display_width(text, width):
    assert display_width(text) == width


def test_cut_and_pad_fill_exactly_the_columns():
    for text in ("다이프로필렌글라이콜", "Butyrospermum Parkii Butter", "水、甘油"):
        for width in (3, 6, 11, 40):
            assert display_width(pad(cut(text, width), width)) == width


def test_table_rows_line_up_with_cjk_names():
    report = ingredients.analyze("정제수, 글리세린, Paraffinum Liquidum, 다이프로필렌글라이콜")
    lines = render_text(report, width=100).splitlines()
    rows = [line for line in lines if line[:3].strip().isdigit()]
    assert len(rows) == 4
    assert len({display_width(row) for row in rows}) == 1, rows


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        pytest.param("132", 132, id="set"),
        pytest.param("0", None, id="zero-means-unset"),
        pytest.param("wide", None, id="not-a-number"),
        pytest.param(None, None, id="unset"),
    ],
)
def test_terminal_columns_read_as_shutil_reads_them(monkeypatch, columns, expected):
    import shutil

    from ingredients._width import terminal_columns

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns() == shutil.get_terminal_size((80, 24)).columns
    if expected is not None:
        assert terminal_columns() == expected
