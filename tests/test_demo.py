"""The demo corpus: deterministic, large enough, and shaped like real news."""

from __future__ import annotations

import hashlib
from datetime import date

from etl.demo.generator import DemoSettings, generate_pages
from etl.sources.page_dump import PageDumpError, parse_page_dump


def _digest(settings: DemoSettings) -> str:
    digest = hashlib.sha256()
    for page in generate_pages(settings):
        digest.update(page.relpath.encode())
        digest.update(page.encoded())
    return digest.hexdigest()


def test_same_seed_same_bytes_other_seed_other_bytes() -> None:
    small = DemoSettings(articles=300)
    assert _digest(small) == _digest(small)
    assert _digest(small) != _digest(DemoSettings(articles=300, seed=7))


def test_default_corpus_covers_18_months_several_outlets_and_parses() -> None:
    pages = list(generate_pages())
    parsed, broken = [], []
    for page in pages:
        try:
            parsed.append(parse_page_dump(page.text))
        except PageDumpError:
            broken.append(page.relpath)
    assert len(parsed) >= 3000
    assert len(broken) == DemoSettings().broken
    days = sorted(p.published_at.date() for p in parsed)
    assert (days[-1] - days[0]).days >= 18 * 30
    assert len({p.outlet for p in parsed}) >= 3
    assert sum(1 for p in parsed if any(i.kind == "related" for i in p.listed)) > len(parsed) / 2


def test_officials_change_roles_over_time() -> None:
    defence_before, defence_after = set(), set()
    for page in generate_pages(DemoSettings(articles=3000)):
        if "Minister of Defense of Ukraine Rustem Umerov" in page.text:
            defence_before.add(page.relpath)
        if "Minister of Defense of Ukraine Denys Shmyhal" in page.text:
            defence_after.add(page.relpath)
        if "Secretary of the NSDC Rustem Umerov" in page.text:
            text_date = parse_page_dump(page.text).published_local.date()
            assert text_date >= date(2025, 7, 17)
    assert defence_before and defence_after


def test_topics_rise_and_fall() -> None:
    per_month: dict[str, int] = {}
    for page in generate_pages():
        if "prisoner" in page.text.lower() or "captivity" in page.text.lower():
            month = page.relpath.split("/")[1]
            per_month[month] = per_month.get(month, 0) + 1
    assert max(per_month.values()) >= 3 * min(per_month.values())


def test_generation_streams() -> None:
    pages = generate_pages(DemoSettings(articles=1_000_000))
    first = next(pages)
    assert first.text and first.relpath.endswith(".txt")


def test_republished_wire_copy_is_linked_across_outlets(demo_home) -> None:
    from warehouse.connect import open_published

    con = open_published(demo_home)
    pairs, across = con.sql(
        "SELECT count(*), count(*) FILTER (WHERE NOT same_outlet) FROM core.near_duplicates"
    ).fetchone()
    credited = con.sql(
        "SELECT count(*) FROM core.articles WHERE body LIKE '%This report was first published by%'"
    ).fetchone()[0]
    con.close()
    assert credited > 0
    assert pairs >= credited * 0.9 and across > pairs / 2
