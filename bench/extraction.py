"""Body-extraction benchmark: wirewatch's HTML adapter against trafilatura's defaults.

Runs both over the Zyte article-extraction benchmark (181 saved news pages,
each with a human-checked `articleBody`) in one process, so the speeds compare.
Quality is token overlap with the gold body: bag of lower-cased `\\w+` words,
micro-averaged over pages (long articles weigh more), with the mean per-page F1
beside it. The upstream `evaluate.py` scores 4-word shingles and averages
per-page precision and recall instead; that F1 is reported too, so the numbers
can be set beside published ones.

wirewatch is measured through `parse_items`, lead and body, as the pipeline
uses it. A page it refuses for its metadata (no date, no headline) still has
its body scored through `extract_text`, and is listed, because the benchmark
is about text; a page where no text is found is a failure.

    python -m bench.extraction [--corpus PATH] [--limit N] [--output FILE] [--sweep]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import trafilatura

from bench.machine import machine as describe_machine
from etl.sources import html as html_source
from etl.sources.records import SourceError, SourceHints

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = PROJECT.parent / "shared" / "corpora" / "article_extraction_benchmark"
DEFAULT_OUTPUT = PROJECT / "docs" / "extraction.md"
SHINGLE = 4

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Page:
    """One benchmark page: its id, URL, raw bytes and gold article body."""

    key: str
    url: str
    data: bytes
    gold: str


@dataclass
class Score:
    """What one extractor did over the corpus."""

    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    seconds: float = 0.0
    page_f1: list[float] = field(default_factory=list)
    shingle_precision: list[float] = field(default_factory=list)
    shingle_recall: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, gold: str, predicted: str, seconds: float) -> None:
        tp, fp, fn = overlap(words(gold), words(predicted))
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn
        self.page_f1.append(f1(ratio(tp, tp + fp), ratio(tp, tp + fn)))
        precision, recall = shingle_scores(gold, predicted)
        self.shingle_precision.append(precision)
        self.shingle_recall.append(recall)
        self.seconds += seconds

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    @property
    def mean_page_f1(self) -> float:
        return statistics.fmean(self.page_f1) if self.page_f1 else 0.0

    @property
    def shingle_f1(self) -> float:
        if not self.shingle_precision:
            return 0.0
        return f1(statistics.fmean(self.shingle_precision), statistics.fmean(self.shingle_recall))

    @property
    def pages_per_second(self) -> float:
        return ratio(len(self.page_f1), self.seconds)


def ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def f1(precision: float, recall: float) -> float:
    return ratio(2 * precision * recall, precision + recall)


def words(text: str) -> list[str]:
    """Lower-cased word tokens: the unit both extractors are scored on."""
    return _WORD.findall(text.lower())


def overlap(gold: Sequence[str], predicted: Sequence[str]) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of two bags of tokens."""
    expected, found = Counter(gold), Counter(predicted)
    tp = sum((expected & found).values())
    return tp, sum(found.values()) - tp, sum(expected.values()) - tp


def shingle_scores(gold: str, predicted: str, n: int = SHINGLE) -> tuple[float, float]:
    """Per-page (precision, recall) over n-word shingles, as the upstream evaluate.py scores.

    Tokens keep their case there; an empty side counts as perfect only when both are empty.
    """

    def shingles(text: str) -> list[tuple[str, ...]]:
        tokens = _WORD.findall(text)
        return (
            [tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))] if tokens else []
        )

    tp, fp, fn = overlap(shingles(gold), shingles(predicted))
    if fp == fn == 0:
        return 1.0, 1.0
    return ratio(tp, tp + fp), ratio(tp, tp + fn)


def load_pages(corpus: Path, limit: int | None = None) -> list[Page]:
    """The benchmark's pages in id order, the first `limit` of them when given."""
    truth_file = corpus / "ground-truth.json"
    if not truth_file.exists():
        raise SystemExit(
            f"no ground-truth.json in {corpus}: is it the article-extraction benchmark?"
        )
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        data = gzip.decompress((corpus / "html" / f"{key}.html.gz").read_bytes())
        pages.append(Page(key, truth[key].get("url", ""), data, truth[key]["articleBody"]))
    return pages


def wirewatch_text(page: Page, score: Score) -> str:
    """Lead and body from `parse_items`; the bare body when only the metadata is missing."""
    try:
        record = html_source.parse_items(page.data, SourceHints(uri=page.url))[0].record
        assert record is not None
        return "\n\n".join(p for p in (record.lead, record.body) if p)
    except html_source.NoArticleText as exc:
        score.failures.append(f"{page.key[:12]} {page.url}: {exc}")
        return ""
    except SourceError as exc:
        score.notes.append(f"{page.key[:12]} {page.url}: {exc}")
        return html_source.extract_text(html_source.decode_html(page.data), page.url)


def trafilatura_defaults(page: Page, score: Score) -> str:
    """`trafilatura.extract(html)` with no options: the reference point."""
    text = trafilatura.extract(page.data.decode("utf-8"))
    if not text:
        score.failures.append(f"{page.key[:12]} {page.url}: no text")
    return text or ""


def trafilatura_with(options: dict[str, bool]) -> Extractor:
    """`trafilatura.extract` with `options`: one point of the option sweep."""

    def extract(page: Page, score: Score) -> str:
        text = trafilatura.extract(page.data.decode("utf-8"), **options)
        if not text:
            score.failures.append(f"{page.key[:12]} {page.url}: no text")
        return text or ""

    return extract


Extractor = Callable[[Page, Score], str]
WIREWATCH = "wirewatch parse_items (lead + body)"
EXTRACTORS: dict[str, Extractor] = {
    WIREWATCH: wirewatch_text,
    "trafilatura.extract defaults": trafilatura_defaults,
}
# --sweep: the trafilatura options wirewatch's choice (etl.sources.html.PRECISE) was picked from.
SWEEP: dict[str, Extractor] = {
    f"trafilatura {label}": trafilatura_with(options)
    for label, options in {
        "include_comments=False": {"include_comments": False},
        "favor_precision, no comments": {"favor_precision": True, "include_comments": False},
        "favor_recall, no comments": {"favor_recall": True, "include_comments": False},
        "fast, no comments": {"fast": True, "include_comments": False},
        "favor_precision, no comments, no tables": {
            "favor_precision": True,
            "include_comments": False,
            "include_tables": False,
        },
    }.items()
}


def run(pages: Sequence[Page], extractors: dict[str, Extractor] = EXTRACTORS) -> list[Score]:
    """Score every extractor on every page; an exception is a failure, not a crash."""
    scores = []
    for name, extract in extractors.items():
        score = Score(name)
        for page in pages:
            started = time.perf_counter()
            try:
                text = extract(page, score)
            except Exception as exc:  # noqa: BLE001 - a crash on one page is a result
                score.failures.append(f"{page.key[:12]} {page.url}: {type(exc).__name__}: {exc}")
                text = ""
            score.add(page.gold, text, time.perf_counter() - started)
        scores.append(score)
    return scores


def machine() -> str:
    return f"{describe_machine()}, trafilatura {trafilatura.__version__}"


def table(scores: Sequence[Score]) -> str:
    lines = [
        "| extractor | precision | recall | F1 | mean page F1 | F1, 4-word shingles | pages/s | failures |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in scores:
        lines.append(
            f"| {s.name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | "
            f"{s.mean_page_f1:.3f} | {s.shingle_f1:.3f} | {s.pages_per_second:.1f} | "
            f"{len(s.failures)} |"
        )
    return "\n".join(lines)


METHOD = (
    "Precision, recall and F1 count lower-cased word tokens (`\\w+`) as bags, summed over all "
    "pages (micro average); the mean page F1 weighs every page the same. The shingle F1 is the "
    "upstream `evaluate.py` method (4-word shingles, per-page precision and recall averaged). "
    "Speeds are single-process, all extractors in the same run."
)
WIREWATCH_SETUP = (
    "wirewatch runs trafilatura in precision mode without comments (`etl/sources/html.py`) "
    "and reads the page's metadata too; its time includes that. With `--sweep`, the rows "
    "below the first two are the trafilatura options that choice was made from."
)


def report(scores: Sequence[Score], pages: int, command: str) -> str:
    """docs/extraction.md: the table, how it was measured and the pages worth a look."""
    measured = (
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}, over {pages} pages "
        "of the Zyte article-extraction benchmark (`article_extraction_benchmark`)."
    )
    parts = ["# HTML body extraction benchmark", "", measured, ""]
    parts += [f"Reproduce from the project root: `{command}`", "", table(scores), ""]
    parts += [METHOD, "", WIREWATCH_SETUP]
    for s in scores:
        if s.name == WIREWATCH:
            head = f"Pages {WIREWATCH} refuses for their metadata (no date, no headline)"
            notes = [f"- {note}" for note in s.notes]
            parts += (
                ["", f"{head}, body still scored:", "", *notes] if notes else ["", f"{head}: none."]
            )
        if s.failures:
            parts += ["", f"Failures of {s.name} (scored as empty):", ""]
            parts += [f"- {failure}" for failure in s.failures]
    return "\n".join(parts) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extraction", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="Markdown report")
    parser.add_argument(
        "--sweep", action="store_true", help="also score trafilatura option variants"
    )
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"benchmark corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    pages = load_pages(args.corpus, args.limit)
    scores = run(pages, {**EXTRACTORS, **SWEEP} if args.sweep else EXTRACTORS)
    given = list(argv if argv is not None else sys.argv[1:])
    command = " ".join([".venv/bin/python -m bench.extraction", *given])
    print(table(scores))
    for s in scores:
        refused = f"{len(s.notes)} refused for metadata, " if s.name == WIREWATCH else ""
        print(f"{s.name}: {refused}{len(s.failures)} failures")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report(scores, len(pages), command), encoding="utf-8")
    print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
