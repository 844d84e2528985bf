"""Markdown page dumps: front matter for the facts, the page's prose for lead and body."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from etl.sources.markdown_dump import (
    MEDIA_TYPE,
    MarkdownDumpError,
    headline_from_title,
    parse_items,
)
from etl.sources.records import SourceError, SourceHints

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
FILTERED = CORPORA / "ukraine_page_dumps_2026" / "filtered_corpus"

TITLE = "Ferry service resumes on the Dnipro"
FIRST = (
    "The ferry between the two banks carried its first passengers in three years on Tuesday, "
    "the regional administration said."
)
SECOND = "Thirty-two passengers made the first crossing, which took forty minutes in calm water."
THIRD = "Officials said a second ferry would join the route in July if demand held up."


def dump(text: str, **front: str) -> bytes:
    """A page dump with front matter (defaults for title, source and date) and `text`."""
    meta = {
        "title": f'"{TITLE} | River Herald"',
        "source": "https://www.riverherald.example/news/2025/06/03/ferry-resumes",
        "date": "2025-06-03",
    } | front
    lines = [f"{key}: {value}" for key, value in meta.items() if value is not None]
    return ("---\n" + "\n".join(lines) + "\n---\n\n" + text.strip() + "\n").encode()


def article(data: bytes, hints: SourceHints | None = None):
    [item] = parse_items(data, hints or SourceHints())
    assert item.raw is None and item.error is None
    return item.record


def paragraphs(record) -> list[str]:
    return [record.lead, *(record.body.split("\n\n") if record.body else [])]


ARTICLE = f"{FIRST}\n\n{SECOND}\n\n{THIRD}"


def test_media_type_is_markdown() -> None:
    assert MEDIA_TYPE == "text/markdown"


def test_front_matter_gives_headline_url_outlet_and_date() -> None:
    record = article(dump(ARTICLE))
    assert record.headline == TITLE  # the site's name is page furniture too
    assert record.url == "https://www.riverherald.example/news/2025/06/03/ferry-resumes"
    assert record.outlet == "riverherald.example"
    assert record.published_at == datetime(2025, 6, 2, 21, tzinfo=UTC)  # midnight in Kyiv
    assert record.published_local == datetime(2025, 6, 3)
    assert record.source_tz == "Europe/Kyiv"


def test_lead_is_the_first_paragraph_and_body_the_rest() -> None:
    record = article(dump(ARTICLE))
    assert record.lead == FIRST
    assert record.body == f"{SECOND}\n\n{THIRD}"


def test_outlet_is_the_front_matters_name_else_the_sources_else_the_host() -> None:
    assert article(dump(ARTICLE, site='"River Herald"')).outlet == "River Herald"
    assert article(dump(ARTICLE, source='"River Herald"')).outlet == "River Herald"
    assert article(dump(ARTICLE), SourceHints(outlet="Configured")).outlet == "Configured"
    assert article(dump(ARTICLE)).outlet == "riverherald.example"
    with pytest.raises(MarkdownDumpError, match="no outlet"):
        parse_items(dump(ARTICLE, source=None), SourceHints())


def test_title_suffixes_naming_the_site_are_stripped_and_sections_kept() -> None:
    assert headline_from_title("Bridge reopens | Ukraine | The Guardian", "theguardian.com") == (
        "Bridge reopens",
        "Ukraine",
    )
    assert headline_from_title("Talks end - Atlantic Council", "atlanticcouncil.org") == (
        "Talks end",
        None,
    )
    assert headline_from_title("Visit Kyiv - Where to stay", "visitkyiv.example") == (
        "Where to stay",
        None,
    )
    # a dash inside a headline that does not name the site stays
    assert headline_from_title("Kyiv - Odesa trains resume", "rail.example") == (
        "Kyiv - Odesa trains resume",
        None,
    )


def test_without_title_the_first_heading_is_the_headline() -> None:
    record = article(dump(f"# Night trains return\n\n{ARTICLE}", title=None))
    assert record.headline == "Night trains return"


def test_a_dump_without_any_date_is_refused() -> None:
    no_date_url = "https://www.riverherald.example/news/ferry-resumes"
    for date in (None, "unknown"):
        with pytest.raises(SourceError, match="no date in front matter or text"):
            parse_items(dump(ARTICLE, date=date, source=no_date_url), SourceHints())


def test_an_unreadable_front_matter_date_is_named() -> None:
    with pytest.raises(MarkdownDumpError, match="front matter date: unreadable .* 'someday'"):
        parse_items(dump(ARTICLE, date="someday"), SourceHints())


def test_without_front_matter_date_a_published_line_then_the_url_give_it() -> None:
    text = f"Published: 4 June 2025\n\n{ARTICLE}"
    assert article(dump(text, date="unknown")).published_local == datetime(2025, 6, 4)
    assert article(dump(ARTICLE, date="unknown")).published_local == datetime(2025, 6, 3)


def test_broken_front_matter_is_a_source_error() -> None:
    data = b'---\ntitle: "unclosed\ndate: [2025\n---\n\nText.\n'
    with pytest.raises(SourceError, match="front matter is not valid YAML"):
        parse_items(data, SourceHints())


def test_links_are_reduced_to_their_text_and_wrapped_lines_joined() -> None:
    text = (
        "The ferry between the two banks carried its first passengers in three\n"
        "years on Tuesday, [the regional administration](https://example.org/adm) said,\n"
        "after engineers cleared the **landing stages** of debris.[[i]](https://e.org/#fn1)\n\n"
        f"{SECOND}"
    )
    record = article(dump(text))
    assert record.lead == (
        "The ferry between the two banks carried its first passengers in three years on "
        "Tuesday, the regional administration said, after engineers cleared the landing "
        "stages of debris."
    )


def test_without_blank_lines_every_line_is_a_paragraph() -> None:
    record = article(dump(f"{FIRST}\n{SECOND}\n{THIRD}"))
    assert paragraphs(record) == [FIRST, SECOND, THIRD]


FURNITURE = {
    "navigation menu": "Home\nWorld\nPolitics\nSport\nWeather\n",
    "navigation links": "[Home](https://r.example/) | [News](https://r.example/news) | "
    "[Sport](https://r.example/sport)\n",
    "menu words": "Skip to main content\nMenu\nSearch\n",
    "cookie banner": "This site uses cookies to improve your experience and to measure "
    "traffic. By continuing you agree to our use of cookies.\n"
    "Accept all cookies Reject non-essential cookies\n",
    "subscribe": "Subscribe to our newsletter for the morning briefing.\n",
    "sign in": "Sign in\nRegister\n",
    "share buttons": "Share | Facebook | Twitter | Email\n",
    "share line": "Share this article\n",
    "image": "![A ferry at the pier](https://img.example/ferry.jpg)\n",
    "linked image": "[![Pier](https://img.example/p.jpg)](https://r.example/gallery)\n",
    "caption": "A ferry at the pier in Kherson on June 3, 2025. [Ivan Petrenko/Reuters]\n",
    "link-only items": "* [Bridge repairs delayed](https://r.example/a)\n"
    "* [Bus timetable changes](https://r.example/b)\n",
    "related list": "## Related\n\n* Bridge repairs delayed again in Kherson region\n"
    "* Bus timetable changes in June across the oblast\n",
    "read more": "Read more:\nBridge repairs delayed again\nBus timetable changes for June\n",
    "most read": "### Most read\n\n1. Heating season ends early in Dnipro\n"
    "2. Bus timetable changes for the summer months\n3. A new ferry for Kherson\n",
    "headline list": "Heating season ends early in Dnipro\nBus timetable changes for June\n"
    "Volunteers open a kitchen in Kharkiv\nNew ferry for Kherson\n",
    "repeated headline": f"# {TITLE}\n",
    "repeated headline line": f"{TITLE}\n",
    "byline": "By Olena Kovalenko and Taras Shevchuk\n",
    "footer": "© 2025 River Herald. All rights reserved.\n",
    "copyright": "Copyright 2025 River Herald Media\nTerms of use | Privacy policy\n",
}


FOOTERS = {"footer", "copyright"}  # a footer ends the article: nothing after it is kept
PLACES = [
    (kind, where)
    for kind in sorted(FURNITURE)
    for where in ("before", "between", "after")
    if not (kind in FOOTERS and where == "between")
]


@pytest.mark.parametrize(("kind", "where"), PLACES)
def test_page_furniture_is_stripped(kind: str, where: str) -> None:
    furniture = FURNITURE[kind]
    parts = {
        "before": [furniture, FIRST, SECOND, THIRD],
        "between": [FIRST, SECOND, furniture, THIRD],
        "after": [FIRST, SECOND, THIRD, furniture],
    }[where]
    record = article(dump("\n\n".join(parts)))
    assert paragraphs(record) == [FIRST, SECOND, THIRD]


def test_nothing_after_the_footer_is_kept() -> None:
    faq = "Will the ferry run in winter? The operator has not decided yet, officials said."
    text = "\n\n".join([FIRST, SECOND, THIRD, FURNITURE["footer"], faq])
    assert paragraphs(article(dump(text))) == [FIRST, SECOND, THIRD]


def test_furniture_on_a_crawler_dump_with_one_paragraph_per_line() -> None:
    lines = [
        f"{TITLE} - River Herald Skip to main content",
        "This site uses cookies. Visit our cookies policy page for more information.",
        "Home World Politics Sport",
        FIRST,
        SECOND,
        "The River Herald newsletter is your guide to the week. Sign up here.",
        THIRD,
        "Reporting by Olena Kovalenko; Editing by Taras Shevchuk",
        "Bridge repairs delayed again in Kherson region",
        "[](https://r.example/a)",
        "Bus timetable changes in June across the oblast",
        "[](https://r.example/b)",
        "A teaser about the new trams that the crawler kept from a side column…",
    ]
    record = article(dump("\n".join(lines)))
    assert paragraphs(record) == [FIRST, SECOND, THIRD]


def test_the_description_marks_where_the_article_starts() -> None:
    banner = "An official website of the regional administration. How do you know it is real?"
    record = article(dump(f"{banner}\n{FIRST}\n{SECOND}", description=f'"{FIRST}"'))
    assert record.lead == FIRST


def real_dumps() -> list[Path]:
    if not FILTERED.is_dir():
        pytest.skip(f"shared corpus not on this machine: {FILTERED}")
    return sorted(FILTERED.glob("crawl_*.md"))


def test_every_real_dump_parses_or_says_why_not() -> None:
    parsed, refused = {}, {}
    for path in real_dumps():
        try:
            [item] = parse_items(path.read_bytes(), SourceHints())
            parsed[path.name] = item.record
        except SourceError as exc:
            refused[path.name] = str(exc)
    assert len(parsed) + len(refused) == 60
    # 21 of 60 say `date: unknown`; the URLs of two Guardian pages carry their date.
    assert len(parsed) == 41
    assert set(refused.values()) == {"no date in front matter or text, nor in the URL"}
    assert parsed["crawl_28da794798bc.md"].published_local == datetime(2026, 2, 6)
    for name, record in parsed.items():
        text = (record.lead + "\n" + record.body).casefold()
        for furniture in ("cookie", "skip to main content", "sign up here", "opens new tab"):
            assert furniture not in text, (name, furniture)
        assert "](" not in text and "**" not in text, name  # no Markdown left
        assert "\u200b" not in record.headline, name


# (file, headline, first words of the article, page text that must be gone), read by eye.
SAMPLES = [
    (
        "crawl_12218f5cbfec.md",
        "Power drought tips Ukraine's economy into worst crisis since war's first year",
        "KYIV, Feb 23 (Reuters) - Ukraine's economy is enduring its toughest period",
        ["Refinitiv", "Item 1 of 2", "[1/2]", "Inside Track", "Far-right files"],
    ),
    (
        "crawl_06f31f270ed6.md",
        "Russia-Ukraine War Enters Fifth Year. Here’s Where Things Stand.",
        "The Russia-Ukraine war is entering its fifth year this week as both sides",
        [],
    ),
    (
        "crawl_075a4290b5bd.md",
        "Russian Offensive Campaign Assessment, February 21, 2026",
        "Ukrainian forces continue to hold defensive lines and push back Russian advances",
        ["Justin Young", "TIPx", "Click", "[ii]", "edn2857074"],
    ),
    (
        "crawl_504c17d8feec.md",
        "How big is the prize of reopening Russia?",
        "Over the past year two parallel sets of talks have been held",
        ["Unlock unlimited access", "free account", "I agree to receive", "Chequebook"],
    ),
    (
        "crawl_57b5c62741f5.md",
        "Ukraine’s patience with US peace push wears thin as Russia skirts pressure",
        "Ukraine expressed frustration with its ongoing peace talks",
        ["Valentyn Ogirenko/Reuters", "notification-important"],
    ),
    (
        "crawl_e44c69d736a1.md",
        (
            "Russia’s economy is now eating its own muscle as Putin’s war on Ukraine destroys "
            "future capacity"
        ),
        "Four years after Vladimir Putin ordered an invasion of Ukraine",
        ["Getty Images", "T-72"],
    ),
    (
        "crawl_f14a259ca208.md",
        "Progress in negotiations to end Russia's invasion of Ukraine, says Kremlin",
        "Negotiations aimed at ending Russia’s invasion of Ukraine are yielding",
        ["Morning Wire", "Israel-Hamas War", "Bad Bunny", "Top 25"],
    ),
    (
        "crawl_59910493af33.md",
        "Four years on, Russia is still paying for a fatal miscalculation in Ukraine",
        "In the early hours of February 24 2022, standing on the freezing roof",
        ["QR code", "Global Privacy Control"],
    ),
]


@pytest.mark.parametrize(("name", "headline", "start", "gone"), SAMPLES)
def test_real_dumps_start_with_the_article_and_lose_their_furniture(
    name: str, headline: str, start: str, gone: list[str]
) -> None:
    path = FILTERED / name
    if not path.exists():
        pytest.skip(f"shared corpus not on this machine: {path}")
    record = article(path.read_bytes())
    assert record.headline == headline
    assert record.lead.startswith(start)
    text = record.lead + "\n" + record.body
    for furniture in gone:
        assert furniture not in text
    assert len(text.split()) > 90


def test_a_real_guardian_title_gives_headline_and_section() -> None:
    path = FILTERED / "crawl_1154756e3345.md"
    if not path.exists():
        pytest.skip(f"shared corpus not on this machine: {path}")
    record = article(path.read_bytes())
    assert record.headline.startswith("A war foretold: how the CIA and MI6")
    assert record.section == "Ukraine"
    assert record.outlet == "theguardian.com"
