"""Label texts that scored wrong without a word: emoji before names, a list cut at
the item cap."""

from __future__ import annotations

import pytest

import ingredients


@pytest.mark.parametrize("decorated", [
    "💧 Aqua, 🛢️ Petrolatum, Glycerin",
    "Aqua 💧, Petrolatum 🛢, Glycerin ✨",
    "👩‍🔬Aqua, ⭐Petrolatum, Glycerin 🌿🌿",
])
def test_emoji_and_pictographs_are_dropped_from_names(decorated):
    plain = ingredients.analyze("Aqua, Petrolatum, Glycerin")
    report = ingredients.analyze(decorated)
    assert report.score == plain.score and report.band == plain.band
    assert [f.ingredient.name for f in report.findings] == ["Aqua", "Petrolatum", "Glycerin"]
    assert report.unknown == ()


def test_a_list_cut_at_the_item_cap_says_so():
    text = ", ".join(f"PEG-{i} Stearate" for i in range(1, 3001))
    report = ingredients.analyze(text)
    assert len(report.findings) == 2000
    assert any("cut" in note and "2,000" in note for note in report.notes)
    assert not any("cut" in n for n in ingredients.analyze("Aqua, Glycerin").notes)
