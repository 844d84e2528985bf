"""Unit tests of `etl.identity`: `headline_key` and `article_id`.

`headline_key` must make typographic variants of one headline (curly or straight
quotes, en/em dash or hyphen, case, extra or non-breaking spaces) compare equal
while keeping different headlines apart. `article_id` must be a stable 16-hex-digit
id that changes with the minute, outlet or headline, ignores the time zone the
instant is written in, and gives an untimed stub an id of its own.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from etl.identity import article_id, headline_key

OUTLET = "Interfax-Ukraine"
HEADLINE = "Sybiha: Partners must close \u2018loopholes\u2019 in sanctions \u2013 minister"
WHEN = datetime(2025, 4, 3, 11, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        (
            "Umerov on \u20181,000 for 1,000\u2019 swap: next stage agreed",
            "Umerov on '1,000 for 1,000' swap: next stage agreed",
        ),
        (
            "Russia drafting its \u201cmemo\u201d on ceasefire \u2013 Zelenskyy",
            'Russia drafting its "memo" on ceasefire - Zelenskyy',
        ),
        (
            "Russia drafting its \u00abmemo\u00bb on ceasefire \u2014 Zelenskyy",
            'Russia drafting its "memo" on ceasefire - Zelenskyy',
        ),
        ("Zelenskyy\u2019s envoy arrives in Ankara", "Zelenskyy's envoy arrives in Ankara"),
        ("Kyiv\u2013Warsaw train resumes service", "Kyiv-Warsaw train resumes service"),
        ("AIR DEFENSE DOWNS 41 DRONES OVERNIGHT", "Air defense downs 41 drones overnight"),
        ("  Air   defense downs\t41 drones overnight  ", "Air defense downs 41 drones overnight"),
        ("Air\u00a0defense downs 41 drones overnight", "Air defense downs 41 drones overnight"),
    ],
    ids=[
        "single-quotes",
        "double-quotes-en-dash",
        "guillemets-em-dash",
        "apostrophe",
        "dash-between-words",
        "case",
        "spaces",
        "nbsp",
    ],
)
def test_headline_key_equal_for_typographic_variants(variant: str, plain: str) -> None:
    assert variant != plain
    assert headline_key(variant) == headline_key(plain)


def test_headline_key_is_lower_case_words_single_spaced() -> None:
    key = headline_key("  Russia drafting its \u201cMemo\u201d  on ceasefire \u2013 Zelenskyy ")
    assert key == "russia drafting its memo on ceasefire zelenskyy"


def test_headline_key_keeps_different_headlines_apart() -> None:
    assert headline_key("Air defense downs 41 drones overnight") != headline_key(
        "Air defense downs 14 drones overnight"
    )
    assert headline_key("Umerov meets Hegseth") != headline_key("Umerov meets Rubio")


def test_article_id_is_stable_and_16_hex_digits() -> None:
    first = article_id(OUTLET, HEADLINE, WHEN)
    assert first == article_id(OUTLET, HEADLINE, WHEN)
    assert first == article_id(OUTLET, HEADLINE, datetime(2025, 4, 3, 11, 5, tzinfo=UTC))
    assert re.fullmatch(r"[0-9a-f]{16}", first)
    assert re.fullmatch(r"[0-9a-f]{16}", article_id(OUTLET, HEADLINE, None))


def test_article_id_changes_with_minute_outlet_and_headline() -> None:
    base = article_id(OUTLET, HEADLINE, WHEN)
    assert article_id(OUTLET, HEADLINE, WHEN + timedelta(minutes=1)) != base
    assert article_id(OUTLET, HEADLINE, WHEN - timedelta(days=1)) != base
    assert article_id("Ukrinform", HEADLINE, WHEN) != base
    assert article_id(OUTLET, HEADLINE + " again", WHEN) != base
    assert article_id(OUTLET, "Sybiha meets Nordic counterparts", WHEN) != base


def test_article_id_uses_the_minute_not_the_second() -> None:
    base = article_id(OUTLET, HEADLINE, WHEN)
    assert article_id(OUTLET, HEADLINE, WHEN.replace(second=59)) == base


def test_article_id_ignores_typographic_variants_of_the_headline() -> None:
    plain = "Sybiha: Partners must close 'loopholes' in sanctions - minister"
    assert article_id(OUTLET, plain, WHEN) == article_id(OUTLET, HEADLINE, WHEN)


def test_article_id_equal_for_the_same_instant_in_different_zones() -> None:
    in_utc = datetime(2025, 5, 23, 15, 12, tzinfo=UTC)
    in_kyiv = datetime(2025, 5, 23, 18, 12, tzinfo=ZoneInfo("Europe/Kyiv"))
    in_new_york = datetime(2025, 5, 23, 11, 12, tzinfo=timezone(timedelta(hours=-4)))
    assert in_utc == in_kyiv == in_new_york
    ids = {article_id(OUTLET, HEADLINE, when) for when in (in_utc, in_kyiv, in_new_york)}
    assert len(ids) == 1
    # The same wall-clock time in another zone is another instant, so another id.
    same_wall_clock = datetime(2025, 5, 23, 15, 12, tzinfo=ZoneInfo("Europe/Kyiv"))
    assert article_id(OUTLET, HEADLINE, same_wall_clock) not in ids


def test_article_id_without_time_differs_from_timed_one() -> None:
    untimed = article_id(OUTLET, HEADLINE, None)
    assert untimed == article_id(OUTLET, HEADLINE, None)
    assert untimed != article_id(OUTLET, HEADLINE, WHEN)
    assert untimed != article_id(OUTLET, "Another headline entirely", None)
