"""Language of each article, detected from its text when the source does not say.

lingua is restricted to the languages wirewatch's sources write in, which
makes it both faster and more accurate on short texts than an open choice.
Only the first characters of headline, lead and body are read: enough to tell
English from Ukrainian or Russian, and cheap on long articles. lingua's cost
grows with the text it reads, so it first reads a short glance; only texts it
is not sure of from the glance (about one in forty news texts) are read at
full sample length, and their verdict is what reading every text at full
length would give.
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl
from lingua import ConfidenceValue, Language, LanguageDetector, LanguageDetectorBuilder

LANGUAGES = (
    Language.ENGLISH,
    Language.UKRAINIAN,
    Language.RUSSIAN,
    Language.GERMAN,
    Language.FRENCH,
    Language.SPANISH,
    Language.PORTUGUESE,
    Language.POLISH,
    Language.ITALIAN,
    Language.ARABIC,
    Language.CZECH,
    Language.TURKISH,
)
SAMPLE_CHARS = 600
GLANCE_CHARS = 200
SURE = 0.99


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    return (
        LanguageDetectorBuilder.from_languages(*LANGUAGES).with_preloaded_language_models().build()
    )


def detect_languages(texts: list[str]) -> list[str | None]:
    """ISO 639-1 codes for `texts`, None where the text is too short or unclear."""
    samples = [text[:SAMPLE_CHARS] for text in texts]
    glances = detector().compute_language_confidence_values_in_parallel(
        [sample[:GLANCE_CHARS] for sample in samples]
    )
    found = [values[0].language if sure(values) else None for values in glances]
    unsure = [i for i, language in enumerate(found) if language is None]
    read_in_full = detector().detect_languages_in_parallel_of([samples[i] for i in unsure])
    for i, language in zip(unsure, read_in_full, strict=True):
        found[i] = language
    return [
        language.iso_code_639_1.name.lower() if language and len(sample.strip()) >= 12 else None
        for language, sample in zip(found, samples, strict=True)
    ]


def sure(values: list[ConfidenceValue]) -> bool:
    """Whether lingua's confidence values (best first) name one language beyond doubt."""
    return bool(values) and values[0].value >= SURE


def fill_languages(frame: pl.DataFrame) -> pl.DataFrame:
    """Set `lang` where it is missing, from headline, lead and body."""
    missing = frame["lang"].is_null()
    if frame.is_empty() or not missing.any():
        return frame
    texts = (
        frame.filter(missing)
        .select(pl.concat_str("headline", "lead", "body", separator="\n"))
        .to_series()
        .to_list()
    )
    detected = pl.Series("detected", detect_languages(texts), dtype=pl.String)
    filled = frame["lang"].to_list()
    detected_iter = iter(detected.to_list())
    filled = [value if value is not None else next(detected_iter) for value in filled]
    return frame.with_columns(pl.Series("lang", filled, dtype=pl.String))
