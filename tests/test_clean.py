"""Text cleaning and language detection on small frames."""

from __future__ import annotations

import polars as pl

from etl.clean import language
from etl.clean.language import (
    GLANCE_CHARS,
    SAMPLE_CHARS,
    detect_languages,
    detector,
    fill_languages,
)
from etl.clean.text import clean_articles, normalize_line

BODY = """First paragraph of the story.

AD

Share this article

3 min read

We use cookies to improve your experience on our site. Accept all

Subscribe to our newsletter

Second   paragraph,\u00a0with a non-breaking space."""


def _frame(**columns) -> pl.DataFrame:
    base = {
        "headline": ["A headline"],
        "lead": [""],
        "body": [""],
        "word_count": [0],
        "lang": [None],
    }
    base.update({k: [v] for k, v in columns.items()})
    return pl.DataFrame(base, schema_overrides={"lang": pl.String, "word_count": pl.Int32})


def test_furniture_is_removed_and_paragraphs_kept() -> None:
    row = clean_articles(_frame(body=BODY)).row(0, named=True)
    assert (
        row["body"]
        == "First paragraph of the story.\n\nSecond paragraph, with a non-breaking space."
    )
    assert row["word_count"] == 12  # "non-breaking" counts as two words


def test_entities_nfc_and_invisible_characters() -> None:
    row = clean_articles(_frame(lead="Cafe\u0301 &amp; Co\u200b &quot;quoted&quot;")).row(
        0, named=True
    )
    assert row["lead"] == 'Café & Co "quoted"'
    assert len("Café") == 4 and "Café" in row["lead"]


def test_a_repeated_headline_at_the_start_of_the_lead_is_dropped() -> None:
    row = clean_articles(_frame(lead="A headline\n\nThe real lead.")).row(0, named=True)
    assert row["lead"] == "The real lead."


def test_text_that_merely_mentions_furniture_words_is_kept() -> None:
    text = "Analysts advised readers to share the report and subscribe to updates."
    assert clean_articles(_frame(body=text)).row(0, named=True)["body"] == text


def test_normalize_line() -> None:
    assert (
        normalize_line("  Zelenskyy &amp;\tPutin:\u00a0talks \u200b ") == "Zelenskyy & Putin: talks"
    )
    assert normalize_line("Cafe\u0301") == "Café"


def test_languages_are_detected_and_declared_ones_kept() -> None:
    assert detect_languages(
        [
            "The defence minister said the exchange would continue next week.",
            "Міністр оборони заявив, що обмін полоненими триватиме наступного тижня.",
            "Министр обороны заявил, что обмен пленными продолжится на следующей неделе.",
            "ok",
        ]
    ) == ["en", "uk", "ru", None]
    frame = pl.DataFrame(
        {
            "headline": ["Обмін полоненими", "Prisoner swap"],
            "lead": ["", ""],
            "body": ["Україна повернула додому ще сто захисників.", "Ukraine brought home 100."],
            "lang": [None, "de"],
        },
        schema_overrides={"lang": pl.String},
    )
    assert fill_languages(frame)["lang"].to_list() == ["uk", "de"]


# A caption of names, places and times, in Latin script, heads a text in Cyrillic.
CAPTION = (
    "Zelenskyy, Umerov, Sybiha; Witkoff, Rubio, Merz. Kyiv 12.03.2026 14:05 (UTC+2). Photo: OP/AP/Reuters. "
    * 2
)
UKRAINIAN = (
    "Президент провів нараду з міністрами щодо обміну полоненими та захисту енергетики. " * 4
)
RUSSIAN = "Президент провёл совещание с министрами по обмену пленными и защите энергетики. " * 4


def test_a_text_the_glance_is_unsure_of_is_read_in_full() -> None:
    assert len(CAPTION) > GLANCE_CHARS
    assert detect_languages([CAPTION + UKRAINIAN, CAPTION + RUSSIAN]) == ["uk", "ru"]


def test_only_the_texts_the_glance_is_unsure_of_are_read_in_full(monkeypatch) -> None:
    read_in_full: list[str] = []
    real = detector()

    class Spy:
        def compute_language_confidence_values_in_parallel(self, texts):
            return real.compute_language_confidence_values_in_parallel(texts)

        def detect_languages_in_parallel_of(self, texts):
            read_in_full.extend(texts)
            return real.detect_languages_in_parallel_of(texts)

    monkeypatch.setattr(language, "detector", Spy)
    plain = "The defence minister said the exchange of prisoners would continue next week. " * 8
    assert detect_languages([plain, CAPTION + UKRAINIAN]) == ["en", "uk"]
    assert read_in_full == [(CAPTION + UKRAINIAN)[:SAMPLE_CHARS]]
