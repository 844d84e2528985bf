"""Name and role matching on hand-written sentences, one rule per test."""

from __future__ import annotations

from datetime import date

import pytest

from etl.officials.matcher import OfficialMatcher
from etl.officials.quotes import find_quotes
from etl.officials.reference import OfficialsReference

REFERENCE = OfficialsReference.model_validate(
    {
        "officials": [
            {
                "id": "trump",
                "name": "Donald Trump",
                "country": "United States",
                "full_names": ["Donald Trump", "Donald J. Trump", "Дональд Трамп"],
                "surnames": ["Trump", "Трамп", "Трампа", "Трампу"],
                "not_mentions": ["Melania Trump", "Donald Trump Jr.", "Trump Jr.", "trump card"],
                "roles": [
                    {
                        "role": "President of the United States",
                        "organisation": "United States Government",
                        "valid_from": "2025-01-20",
                        "references": ["US president", "American president"],
                    }
                ],
            },
            {
                "id": "biden",
                "name": "Joe Biden",
                "country": "United States",
                "full_names": ["Joe Biden"],
                "surnames": ["Biden"],
                "not_mentions": ["Hunter Biden"],
                "roles": [
                    {
                        "role": "President of the United States",
                        "organisation": "United States Government",
                        "valid_from": "2021-01-20",
                        "valid_to": "2025-01-20",
                        "references": ["US president", "American president"],
                    }
                ],
            },
            {
                "id": "umerov",
                "name": "Rustem Umerov",
                "country": "Ukraine",
                "full_names": ["Rustem Umerov", "Рустем Умєров"],
                "surnames": ["Umerov", "Умєров", "Умєрова"],
                "not_mentions": ["Lenie Umerova"],
                "roles": [
                    {
                        "role": "Minister of Defence",
                        "organisation": "Government of Ukraine",
                        "valid_from": "2023-09-06",
                        "valid_to": "2025-07-17",
                        "references": ["Ukraine's defence minister", "Ukrainian defence minister"],
                    },
                    {
                        "role": "Secretary of the NSDC",
                        "organisation": "National Security and Defense Council of Ukraine",
                        "valid_from": "2025-07-17",
                        "references": ["NSDC secretary"],
                    },
                ],
            },
            {
                "id": "shmyhal",
                "name": "Denys Shmyhal",
                "country": "Ukraine",
                "full_names": ["Denys Shmyhal"],
                "surnames": ["Shmyhal"],
                "roles": [
                    {
                        "role": "Minister of Defence",
                        "organisation": "Government of Ukraine",
                        "valid_from": "2025-07-17",
                        "references": ["Ukraine's defence minister", "Ukrainian defence minister"],
                    }
                ],
            },
            {
                "id": "austin",
                "name": "Lloyd Austin",
                "country": "United States",
                "full_names": ["Lloyd Austin"],
                "surnames": ["Austin"],
                "ambiguous_surname": True,
                "titles": ["Secretary Austin"],
                "not_mentions": ["Austin, Texas"],
            },
            {
                "id": "zelenskyy",
                "name": "Volodymyr Zelenskyy",
                "country": "Ukraine",
                "full_names": ["Volodymyr Zelenskyy", "Volodymyr Zelensky"],
                "surnames": ["Zelenskyy", "Zelensky", "Zelenskiy"],
                "not_mentions": ["Olena Zelenska"],
            },
        ]
    }
)
MATCHER = OfficialMatcher(REFERENCE)
DAY = date(2025, 3, 1)


def names(text: str, day: date = DAY, method: str = "name") -> list[tuple[str, str]]:
    return [
        (m.official_id, m.matched_text)
        for m in MATCHER.mentions({"body": text}, day)
        if m.method == method
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("President Trump met Zelenskyy.", [("trump", "Trump"), ("zelenskyy", "Zelenskyy")]),
        ("Trump's envoy and Zelensky’s aide", [("trump", "Trump"), ("zelenskyy", "Zelensky")]),
        ("a Zelenskiy-Trump meeting", [("zelenskyy", "Zelenskiy"), ("trump", "Trump")]),
        ("The Trump administration said", [("trump", "Trump")]),
        ("ZELENSKYY MEETS TRUMP", [("zelenskyy", "ZELENSKYY"), ("trump", "TRUMP")]),
        ("Зустріч Трампа і Умєрова", [("trump", "Трампа"), ("umerov", "Умєрова")]),
        ("Donald J. Trump said", [("trump", "Donald J. Trump")]),
    ],
)
def test_names_in_their_forms(text: str, expected: list[tuple[str, str]]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Melania Trump visited a school.",
        "Donald Trump Jr. posted a video.",
        "Hunter Biden's laptop",
        "Olena Zelenska spoke at the UN.",
        "Lenie Umerova was freed.",
        "It was his trump card.",
        "Prices trumped expectations",
        "He flew to Austin, Texas.",
        "Austin Reaves scored 30 points.",
        "a trumpet solo",
    ],
)
def test_false_friends_are_not_mentions(text: str) -> None:
    assert names(text) == []


def test_an_ambiguous_surname_counts_only_after_the_full_name() -> None:
    assert names("Austin said the aid would come.") == []
    both = names("Lloyd Austin arrived. Austin said the aid would come.")
    assert both == [("austin", "Lloyd Austin"), ("austin", "Austin")]
    assert names("Secretary Austin said so. Austin added more.") == [
        ("austin", "Secretary Austin"),
        ("austin", "Austin"),
    ]


def test_offsets_cut_the_match_out_of_its_field() -> None:
    fields = {"headline": "Umerov in Brussels", "body": "Talks with Rustem Umerov ended."}
    for m in MATCHER.mentions(fields, DAY):
        assert fields[m.field][m.start : m.end] == m.matched_text
    assert [(m.field, m.start) for m in MATCHER.mentions(fields, DAY)] == [
        ("headline", 0),
        ("body", 11),
    ]


def test_a_role_resolves_to_its_holder_on_the_publication_date() -> None:
    text = "Ukraine's defence minister visited the front."
    assert names(text, date(2024, 5, 1), "role") == [("umerov", "Ukraine's defence minister")]
    assert names(text, date(2025, 9, 1), "role") == [("shmyhal", "Ukraine's defence minister")]
    assert names("The US president spoke.", date(2023, 1, 1), "role") == [("biden", "US president")]
    assert names("The US president spoke.", date(2025, 2, 1), "role") == [("trump", "US president")]


def test_a_role_before_a_name_or_in_the_past_is_not_a_role_reference() -> None:
    assert names("Ukrainian defence minister Rustem Umerov said", date(2024, 5, 1), "role") == []
    assert names("the former US president said", date(2025, 2, 1), "role") == []


def test_quotes_are_attributed_to_the_speaker() -> None:
    body = (
        "“We will not give up our land,” said Umerov. "
        "Rustem Umerov said: “Talks resume on Monday in Geneva.” "
        "Zelenskyy arrived later. “Peace needs strength and partners,” he wrote. "
        "Trump said that the deal was close to being finished."
    )
    fields = {"body": body}
    quotes = find_quotes(fields, MATCHER.mentions(fields, DAY))
    assert [(q.official_id, q.quote, q.cue) for q in quotes] == [
        ("umerov", "We will not give up our land", "said"),
        ("umerov", "Talks resume on Monday in Geneva.", "said"),
        ("zelenskyy", "Peace needs strength and partners", "he wrote"),
        ("trump", "the deal was close to being finished", "said"),
    ]
    for q in quotes:
        assert body[q.start : q.end] == q.quote
