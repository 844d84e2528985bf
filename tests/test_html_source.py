"""The HTML page adapter: small invented pages, then the shared real-page corpora."""

from __future__ import annotations

import json
import re
import statistics
import unicodedata
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
import pytest

from etl.sources.html import (
    MEDIA_TYPE,
    NoArticleText,
    NoHeadline,
    NoPublicationDate,
    decode_html,
    extract_text,
    parse_items,
    read_published,
)
from etl.sources.records import ArticleRecord, SourceError, SourceHints

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"

PARAGRAPHS = (
    (
        "Engineers in the fictional town of Verkhnie Zoriane restored power to four districts on "
        "Friday evening, the regional energy company said, after a night of repairs to a damaged "
        "substation on the eastern edge of the town."
    ),
    (
        "The company said crews had worked in three shifts and that the remaining households would "
        "be connected by Sunday, weather permitting. Water pumping stations were given priority "
        "and are already running on the restored lines."
    ),
    (
        "Local officials asked residents to limit the use of heavy appliances in the evening hours "
        "for the rest of the week, while the grid operator balances the load between the repaired "
        "substation and a mobile unit brought in from the north."
    ),
    (
        "Schools in the affected districts will reopen on Monday with a shortened timetable, the "
        "education department added, and the town's two libraries will stay open late as heated "
        "places where people can charge their phones."
    ),
)


def page(
    head: str = "",
    *,
    title: str = "Power restored to four districts of Verkhnie Zoriane",
    h1: str | None = "Power restored to four districts of Verkhnie Zoriane",
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    lang: str = "en",
    body_extra: str = "",
) -> bytes:
    """An invented article page with menus and a footer around the text."""
    heading = f"<h1>{h1}</h1>" if h1 else ""
    text = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{head}</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<main><article>{heading}{body_extra}{text}</article></main>
<footer><p>© Invented Daily. All rights reserved.</p></footer>
</body></html>""".encode()


def meta(prop: str, content: str, attr: str = "property") -> str:
    return f'<meta {attr}="{prop}" content="{content}">'


DATED = meta("article:published_time", "2025-05-23T18:12:00+03:00")


def record(data: bytes, **hints: str | None) -> ArticleRecord:
    """The one article of a page; the outlet is configured unless a test says otherwise."""
    hints.setdefault("outlet", "Invented Daily")
    items = parse_items(data, SourceHints(**hints))
    assert len(items) == 1
    assert items[0].index == 0 and items[0].raw is None and items[0].error is None
    assert items[0].record is not None
    return items[0].record


def test_media_type_is_html() -> None:
    assert MEDIA_TYPE == "text/html"


def test_article_page_gives_headline_lead_and_body() -> None:
    article = record(page(DATED))
    assert article.headline == "Power restored to four districts of Verkhnie Zoriane"
    assert article.lead == PARAGRAPHS[0]
    assert article.body == "\n\n".join(PARAGRAPHS[1:])
    assert "Home" not in article.body and "rights reserved" not in article.body


def test_site_name_is_taken_off_the_title() -> None:
    title = "Power restored to four districts of Verkhnie Zoriane | Invented Daily"
    assert record(page(DATED, title=title, h1=None)).headline == (
        "Power restored to four districts of Verkhnie Zoriane"
    )


def test_headline_printed_again_above_the_text_is_not_the_lead() -> None:
    repeated = ("Power restored to four districts of Verkhnie Zoriane", *PARAGRAPHS)
    article = record(page(DATED, h1=None, paragraphs=repeated))
    assert article.lead == PARAGRAPHS[0]


def test_time_with_offset_is_converted_to_utc() -> None:
    article = record(page(DATED))
    assert article.published_at == datetime(2025, 5, 23, 15, 12, tzinfo=UTC)
    assert article.published_local is None and article.source_tz is None


def test_time_without_offset_is_read_in_the_source_zone() -> None:
    naive = meta("article:published_time", "2025-01-10T09:30:00")
    article = record(page(naive), tz="Europe/Kyiv")
    assert article.published_at == datetime(2025, 1, 10, 7, 30, tzinfo=UTC)
    assert article.published_local == datetime(2025, 1, 10, 9, 30)
    assert article.source_tz == "Europe/Kyiv"


def test_json_ld_date_published_is_read() -> None:
    ld = {
        "@context": "https://schema.org",
        "@graph": [{"@type": "NewsArticle", "datePublished": "2025-03-02T08:05:00+02:00"}],
    }
    article = record(page(f'<script type="application/ld+json">{json.dumps(ld)}</script>'))
    assert article.published_at == datetime(2025, 3, 2, 6, 5, tzinfo=UTC)


def test_a_stated_offset_beats_the_same_time_without_one() -> None:
    naive = meta("article:published_time", "2025-03-02T08:05:00")
    ld = {"@type": "NewsArticle", "datePublished": "2025-03-02T08:05:00Z"}
    head = naive + f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    assert record(page(head)).published_at == datetime(2025, 3, 2, 8, 5, tzinfo=UTC)


def test_time_element_is_read_when_metadata_says_nothing() -> None:
    stamp = '<p><time datetime="2025-11-04T21:40:00+02:00">4 November, 21:40</time></p>'
    article = record(page(body_extra=stamp))
    assert article.published_at == datetime(2025, 11, 4, 19, 40, tzinfo=UTC)


def test_broken_json_ld_is_skipped() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle",</script>' + DATED
    assert record(page(head)).published_at == datetime(2025, 5, 23, 15, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("May 23, 2025, 11:12 AM EDT", datetime(2025, 5, 23, 15, 12, tzinfo=UTC)),
        ("2025-05-23 16:12 BST", datetime(2025, 5, 23, 15, 12, tzinfo=UTC)),
        ("23 MAY 2025 15:12 GMT", datetime(2025, 5, 23, 15, 12, tzinfo=UTC)),
    ],
)
def test_zone_abbreviations_become_offsets(value: str, expected: datetime) -> None:
    assert read_published(value, "Europe/Kyiv") == (expected, None)


@pytest.mark.parametrize("value", ["01:12:00 PM IST May 23, 2025", "0001-01-01T00:00:00Z"])
def test_ambiguous_zones_and_placeholder_dates_are_refused(value: str) -> None:
    with pytest.raises(ValueError):
        read_published(value, "Europe/Kyiv")


def test_placeholder_date_gives_way_to_the_next_source() -> None:
    ld = {"@type": "NewsArticle", "datePublished": "0001-01-01T00:00:00Z"}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    stamp = '<time datetime="2025-06-01T10:00:00+03:00">1 June</time>'
    assert record(page(head, body_extra=stamp)).published_at == datetime(
        2025, 6, 1, 7, 0, tzinfo=UTC
    )


def test_canonical_url_is_made_absolute_against_the_source_uri() -> None:
    head = DATED + '<link rel="canonical" href="/news/2025/05/23/power-restored">'
    article = record(page(head), uri="https://invented-daily.example/news/123?utm_source=x")
    assert article.url == "https://invented-daily.example/news/2025/05/23/power-restored"


def test_og_url_then_source_uri_then_nothing() -> None:
    og = meta("og:url", "https://invented-daily.example/a/1")
    assert record(page(DATED + og)).url == "https://invented-daily.example/a/1"
    uri = "https://invented-daily.example/a/2"
    assert record(page(DATED), uri=uri).url == uri
    assert record(page(DATED), uri="/inbox/page.html").url is None


def test_tags_are_lower_case_and_listed_once() -> None:
    head = (
        DATED
        + meta("article:tag", "Energy")
        + meta("article:tag", "Verkhnie Zoriane")
        + meta("keywords", "energy, Substations ,REPAIRS", attr="name")
    )
    assert record(page(head)).tags == ("energy", "verkhnie zoriane", "substations", "repairs")


def test_language_is_the_primary_subtag_of_html_lang() -> None:
    assert record(page(DATED, lang="uk-UA")).lang == "uk"


def test_outlet_from_hints_then_site_name_then_host() -> None:
    site = meta("og:site_name", "Invented Daily")
    assert record(page(DATED + site), outlet="Configured Outlet").outlet == "Configured Outlet"
    assert record(page(DATED + site), outlet=None).outlet == "Invented Daily"
    uri = "https://www.invented-daily.example/a/3"
    assert record(page(DATED), uri=uri, outlet=None).outlet == "invented-daily.example"


def test_page_naming_no_outlet_is_refused_with_the_fix() -> None:
    with pytest.raises(SourceError, match="set `outlet` for this source"):
        parse_items(page(DATED), SourceHints())


def test_article_section_is_kept() -> None:
    assert record(page(DATED + meta("article:section", "Energy"))).section == "Energy"


CYRILLIC = (
    (
        "Енергетики вигаданого міста Верхні Зоряні відновили живлення чотирьох районів у п'ятницю "
        "ввечері, повідомила обласна енергокомпанія після нічного ремонту підстанції."
    ),
    (
        "Бригади працювали в три зміни, а решту будинків підключать до неділі, якщо дозволить "
        "погода. Насосні станції водоканалу отримали живлення першими."
    ),
    (
        "Місцева влада просить мешканців до кінця тижня не вмикати ввечері потужні прилади, поки "
        "оператор мережі розподіляє навантаження між підстанцією та пересувною установкою."
    ),
)


def cyrillic_page(declaration: str, encoding: str) -> bytes:
    text = "".join(f"<p>{p}</p>" for p in CYRILLIC)
    return f"""<html lang="uk"><head>{declaration}
<title>Світло повернулося у чотири райони Верхніх Зоряних</title>{DATED}</head>
<body><article><h1>Світло повернулося у чотири райони Верхніх Зоряних</h1>{text}</article>
</body></html>""".encode(encoding)


@pytest.mark.parametrize(
    "declaration",
    [
        '<meta charset="windows-1251">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
    ],
)
def test_windows_1251_page_is_decoded_as_declared(declaration: str) -> None:
    article = record(cyrillic_page(declaration, "cp1251"))
    assert article.headline == "Світло повернулося у чотири райони Верхніх Зоряних"
    assert article.lead == CYRILLIC[0]
    assert article.lang == "uk"


def test_utf8_bytes_win_over_a_stale_legacy_declaration() -> None:
    data = cyrillic_page('<meta charset="windows-1251">', "utf-8")
    assert "Верхні Зоряні" in decode_html(data)


def test_undeclared_legacy_page_is_detected() -> None:
    assert "Верхні Зоряні" in decode_html(cyrillic_page("", "cp1251"))


def test_page_without_a_date_is_refused_saying_where_it_looked() -> None:
    with pytest.raises(NoPublicationDate) as caught:
        parse_items(page(), SourceHints())
    assert isinstance(caught.value, SourceError)
    assert str(caught.value) == (
        "no publication date found: looked for article:published_time, JSON-LD "
        "datePublished, <time datetime> and trafilatura's date"
    )


def test_unreadable_date_is_named() -> None:
    head = meta("article:published_time", "sometime last spring")
    with pytest.raises(NoPublicationDate, match="sometime last spring"):
        parse_items(page(head), SourceHints())


BOILERPLATE = b"""<html><head><title>Invented Daily</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<div class="cookie-banner">We use cookies. <button>Accept</button></div>
<footer><p>Contact</p><p>Privacy</p></footer></body></html>"""


@pytest.mark.parametrize("data", [BOILERPLATE, b"<html><body></body></html>"])
def test_page_without_article_text_is_refused(data: bytes) -> None:
    with pytest.raises(NoArticleText, match="no article text found in the HTML"):
        parse_items(data, SourceHints())


def test_empty_file_is_refused() -> None:
    with pytest.raises(SourceError):
        parse_items(b"  \n", SourceHints())


def test_page_without_any_headline_is_refused() -> None:
    data = page(DATED, title="", h1=None).replace(b"<title></title>", b"")
    with pytest.raises(NoHeadline, match="no headline"):
        parse_items(data, SourceHints())


def test_extract_text_needs_no_date() -> None:
    text = extract_text(page().decode())
    assert text.split("\n\n")[-len(PARAGRAPHS) :] == list(PARAGRAPHS)
    assert extract_text(BOILERPLATE.decode()) == ""


# --- real pages from the shared corpora --------------------------------------------------

READABILITY = CORPORA / "readability_news_pages"
NEWSPAPER = CORPORA / "newspaper4k_fixtures"
_QUOTES = str.maketrans({c: '"' for c in "\u2018\u2019\u201c\u201d\u00ab\u00bb'"})
_WORD = re.compile(r"\w+")


def needs(corpus: Path) -> None:
    if not corpus.is_dir():
        pytest.skip(f"shared corpus not on this machine: {corpus}")


def same_title(found: str, expected: str) -> bool:
    def norm(text: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold().split())

    return norm(found) == norm(expected)


def token_f1(gold: str, found: str) -> float:
    expected, got = _WORD.findall(gold.lower()), _WORD.findall(found.lower())
    common = sum((Counter(expected) & Counter(got)).values())
    return 2 * common / (len(expected) + len(got)) if expected or got else 1.0


def readability_pages() -> list[tuple[str, bytes, dict, str]]:
    needs(READABILITY)
    return [
        (
            d.name,
            (d / "source.html").read_bytes(),
            json.loads((d / "expected-metadata.json").read_text(encoding="utf-8")),
            lxml.html.fromstring((d / "expected.html").read_text(encoding="utf-8")).text_content(),
        )
        for d in sorted(READABILITY.iterdir())
        if (d / "source.html").exists()
    ]


def newspaper_pages() -> list[tuple[str, bytes, dict, str]]:
    needs(NEWSPAPER)
    return [
        (
            h.stem,
            h.read_bytes(),
            json.loads((NEWSPAPER / "metadata" / f"{h.stem}.json").read_text(encoding="utf-8")),
            (NEWSPAPER / "txt" / f"{h.stem}.txt").read_text(encoding="utf-8"),
        )
        for h in sorted((NEWSPAPER / "html").glob("*.html"))
    ]


def parsed(pages: list[tuple[str, bytes, dict, str]]) -> dict[str, ArticleRecord | SourceError]:
    """Each page's record, or the SourceError it raised; any other exception fails the test."""
    results: dict[str, ArticleRecord | SourceError] = {}
    for name, data, _, _ in pages:
        try:
            results[name] = record(data, outlet=None)
        except SourceError as exc:
            results[name] = exc
    return results


# Measured: readability 14 of 17 titles (breitbart and guardian-1 expect the site or author
# suffix we drop, theverge's expected title is not on the page); newspaper4k 12 of 14
# (cnn_001 and time_001 expect a headline the page does not give as its title or h1).
@pytest.mark.parametrize(
    ("load", "threshold"), [(readability_pages, 0.80), (newspaper_pages, 0.85)]
)
def test_corpus_titles_match_for_most_pages(load, threshold: float) -> None:
    pages = load()
    results = parsed(pages)
    matched = [
        name
        for name, _, expected, _ in pages
        if isinstance(found := results[name], ArticleRecord)
        and same_title(found.headline, expected["title"])
    ]
    assert len(matched) / len(pages) >= threshold, sorted(set(results) - set(matched))


@pytest.mark.parametrize("load", [readability_pages, newspaper_pages])
def test_corpus_pages_parse_or_raise_source_error(load) -> None:
    results = parsed(load())  # anything but SourceError propagates and fails here
    refused = {name: str(r) for name, r in results.items() if isinstance(r, SourceError)}
    assert all(refused.values())  # a refusal always says why
    assert len(refused) <= 1, refused  # measured: every page of both corpora parses


# Measured per-page token F1 against the reference text: readability mean 0.963, min 0.89
# (herald-sun-1); newspaper4k mean 0.969, min 0.82 (article_with_divs).
@pytest.mark.parametrize(
    ("load", "mean_at_least"), [(readability_pages, 0.95), (newspaper_pages, 0.95)]
)
def test_corpus_bodies_match_the_reference_text(load, mean_at_least: float) -> None:
    pages = load()
    results = parsed(pages)
    scores = {
        name: token_f1(gold, f"{r.lead}\n\n{r.body}")
        for name, _, _, gold in pages
        if isinstance(r := results[name], ArticleRecord)
    }
    assert statistics.fmean(scores.values()) >= mean_at_least, scores
    assert min(scores.values()) >= 0.8, scores


def expected_time(value: str | None) -> datetime | None:
    """The expected publication time when it states an offset, else None (nothing to compare)."""
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    return moment.astimezone(UTC) if moment.tzinfo else None


@pytest.mark.parametrize(
    ("load", "key"), [(readability_pages, "publishedTime"), (newspaper_pages, "publish_date")]
)
def test_corpus_times_with_an_offset_are_read_exactly(load, key: str) -> None:
    pages = load()
    results = parsed(pages)
    compared = 0
    for name, _, expected, _ in pages:
        when = expected_time(expected.get(key))
        if when is not None and isinstance(found := results[name], ArticleRecord):
            assert found.published_at == when, name
            compared += 1
    assert compared >= 4
