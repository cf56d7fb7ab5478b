"""Key numbers: a figure and what it counts; years and dates are no key numbers."""

from __future__ import annotations

import pytest

from briefing.figures import Figure, figures


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("They asked to train 150,000 new recruits closer to the front.",
         [Figure("150,000", "new recruits")]),
        ("Moscow's forces have claimed 654 sq km since January.", [Figure("654", "sq km")]),
        ("Ukraine has a population of 42 million.", [Figure("42 million", "population")]),
        ("About 1,200 soldiers and 300 civilians died.",
         [Figure("1,200", "soldiers"), Figure("300", "civilians")]),
        ("Elections were due in March 2024 and on May 2.", []),
        ("The war of 1946-1954 began slowly.", []),
    ],
)  # fmt: skip
def test_figures(text: str, found: list[Figure]) -> None:
    assert figures(text) == found


def test_figure_key_is_the_counted_noun() -> None:
    assert Figure("150,000", "new recruits").key == "recruits"
