"""What users would otherwise run, timed in the same session as wirewatch.

- The notebook pipeline: read each page dump in Python, pick fields by regex,
  load a pandas frame, count each official's mentions with one `\\b<alias>\\b`
  regex per alias and file topics with one regex per topic term. Timed
  against wirewatch's parser, matcher and topic filing on the same pages.
- Name and topic matching in MB/s on one core, against the regex loop.
- HTML extraction against trafilatura's defaults, on the shared extraction
  benchmark when ../shared/corpora is present.
"""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

import pandas as pd

from bench.extraction import DEFAULT_CORPUS, EXTRACTORS, WIREWATCH, load_pages, run
from bench.matching import regex_loop, texts, timed
from etl.demo.generator import DemoSettings, generate_pages
from etl.officials.matcher import OfficialMatcher
from etl.officials.reference import load_officials
from etl.sources.page_dump import parse_page_dump, to_record
from etl.topics.taxonomy import assign, load_topics

NOTEBOOK_PAGES = 400
STAMP = re.compile(r"^(\d{1,2}:\d{2})\s+(\d{1,2}\.\d{1,2}\.\d{4})", re.MULTILINE)


def alias_patterns() -> list[tuple[str, re.Pattern[str]]]:
    reference = load_officials()
    return [
        (o.id, re.compile(rf"\b{re.escape(a)}\b")) for o in reference.officials for a in o.aliases
    ]


def topic_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """One case-insensitive regex per word or phrase of each topic's query."""
    found = []
    for topic in load_topics().topics:
        for term in topic.parsed.terms:
            words = r"\s+".join(re.escape(part) for part in term.parts)
            end = "" if term.prefix else r"\b"
            found.append((topic.id, re.compile(rf"\b{words}{end}", re.IGNORECASE)))
    return found


def notebook(pages: list[str], aliases, topic_terms) -> pd.DataFrame:
    """The pandas + regex pipeline: parse, frame, count mentions, file topics."""
    rows = []
    for text in pages:
        lines = text.splitlines()
        stamp = STAMP.search(text)
        rest = [line for line in lines[3:] if line.strip()]
        rows.append(
            {
                "outlet": lines[0].strip() if lines else "",
                "section": lines[1].strip() if len(lines) > 1 else "",
                "published": " ".join(stamp.groups()) if stamp else None,
                "headline": rest[0] if rest else "",
                "text": "\n".join(rest),
            }
        )
    frame = pd.DataFrame(rows)
    frame["published"] = pd.to_datetime(
        frame["published"], format="%H:%M %d.%m.%Y", errors="coerce"
    )
    mentions = {}
    for official, pattern in aliases:
        mentions[official] = mentions.get(official, 0) + frame["text"].str.count(pattern)
    topics = {}
    for topic, pattern in topic_terms:
        hit = frame["text"].str.contains(pattern)
        topics[topic] = topics[topic] | hit if topic in topics else hit
    return pd.concat([frame, pd.DataFrame(mentions), pd.DataFrame(topics)], axis=1)


def wirewatch_same_work(pages: list[str], matcher: OfficialMatcher, taxonomy) -> int:
    found = 0
    for text in pages:
        record = to_record(parse_page_dump(text))
        fields = {"headline": record.headline, "lead": record.lead, "body": record.body}
        found += len(matcher.mentions(fields, date(2025, 3, 1)))
        found += len(assign(taxonomy, fields))
    return found


def measure(
    notebook_pages: int = NOTEBOOK_PAGES,
    matching_articles: int = 3000,
    loop_texts: int = 300,
    html_corpus: Path = DEFAULT_CORPUS,
) -> dict:
    pages = [
        p.encoded().decode("utf-8")
        for p in generate_pages(DemoSettings(articles=notebook_pages, broken=0))
    ]
    megabytes = sum(len(p.encode("utf-8")) for p in pages) / 1e6
    aliases, topic_terms = alias_patterns(), topic_patterns()
    matcher, taxonomy = OfficialMatcher(load_officials()), load_topics()
    notebook_s, _ = timed(lambda: notebook(pages, aliases, topic_terms), repeat=1)
    ours_s, _ = timed(lambda: wirewatch_same_work(pages, matcher, taxonomy))
    result = {
        "notebook": {
            "pages": len(pages),
            "megabytes": megabytes,
            "pandas_regex_seconds": notebook_s,
            "wirewatch_seconds": ours_s,
            "alias_patterns": len(aliases),
            "topic_patterns": len(topic_terms),
        }
    }

    corpus = texts(matching_articles)
    text_mb = sum(len(t.encode("utf-8")) for t in corpus) / 1e6
    day = date(2025, 3, 1)
    names_s, _ = timed(lambda: sum(len(matcher.mentions({"body": t}, day)) for t in corpus))
    topics_s, _ = timed(lambda: sum(len(assign(taxonomy, {"body": t})) for t in corpus))
    sample = corpus[:loop_texts]
    sample_mb = sum(len(t.encode("utf-8")) for t in sample) / 1e6
    loop_s, _ = timed(lambda: regex_loop(aliases, sample), repeat=1)
    topic_loop_s, _ = timed(lambda: regex_loop(topic_terms, sample), repeat=1)
    result["matching"] = {
        "texts": len(corpus),
        "megabytes": text_mb,
        "names_mb_s": text_mb / names_s,
        "topics_mb_s": text_mb / topics_s,
        "names_regex_loop_mb_s": sample_mb / loop_s,
        "topics_regex_loop_mb_s": sample_mb / topic_loop_s,
        "loop_texts": len(sample),
    }

    if html_corpus.is_dir():
        html_pages = load_pages(html_corpus)
        scores = {score.name: score for score in run(html_pages, EXTRACTORS)}
        ours = scores[WIREWATCH]
        theirs = next(s for name, s in scores.items() if name != WIREWATCH)
        result["html"] = {
            "pages": len(html_pages),
            "wirewatch_pages_s": ours.pages_per_second,
            "trafilatura_defaults_pages_s": theirs.pages_per_second,
            "wirewatch_f1": ours.f1,
            "trafilatura_defaults_f1": theirs.f1,
        }
    return result


if __name__ == "__main__":
    started = time.perf_counter()
    print(measure(), f"{time.perf_counter() - started:.0f} s")
