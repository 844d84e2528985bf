"""Shared fixtures: paths to the shared corpora and small warehouses built once per session."""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path

import pytest

from etl.demo.generator import DemoSettings, write_corpus
from wirewatch.home import Home
from wirewatch.pipeline import run_pipeline

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
SEED = SHARED / "seeds" / "000_082c007bfc831e0b.txt"
FIXTURES = Path(__file__).parent / "fixtures"
WIREWATCH = Path(sys.executable).with_name("wirewatch")


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(autouse=True)
def main_module_restored():
    """Put back the test process's __main__ after each test.

    Streamlit's AppTest runs the dashboard as __main__ and leaves it there; a
    worker process spawned afterwards (the article finisher's) would run the
    dashboard again as it starts, and die.
    """
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


@pytest.fixture
def seed_page() -> Path:
    if not SEED.exists():
        pytest.skip(f"the shared seed page is not on this machine ({SEED})")
    return SEED


@pytest.fixture(scope="session")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Home:
    """A home with a small demo corpus run through the whole pipeline."""
    home = Home.resolve(tmp_path_factory.mktemp("demo-home")).prepare()
    write_corpus(home.demo, DemoSettings(articles=600))
    run_pipeline(home, [str(home.demo)])
    return home


HOSTILE_TEXT = (
    "<script>window.__wirewatch_pwned = 1</script> "
    '<img src="x" onerror="window.__wirewatch_pwned = 2"> '
    "[click me](javascript:window.__wirewatch_pwned=3) **not bold** $x^2$ :red[not red] "
    "`not code` # not a heading"
)
MIXED_ARTICLES = [
    {
        "url": "https://news.example.org/uk/1",
        "outlet": "Kyiv Daily UA",
        "published_at": "2025-07-20T10:00:00+03:00",
        "headline": "Зеленський провів зустріч з Умєровим у Києві",
        "body": "Президент обговорив з секретарем РНБО оборонні питання.\n\n"
        "Ракети вдарили по Києву вночі.",
        "lang": "uk",
    },
    {
        "url": "https://news.example.org/en/2",
        "outlet": "Example Wire",
        "published_at": "2025-07-21T09:30:00+03:00",
        "headline": f"Sybiha meets Rubio {HOSTILE_TEXT}",
        "body": f"Foreign Minister Andrii Sybiha said talks went well. {HOSTILE_TEXT}",
        "lang": "en",
    },
    {
        "url": "https://news.example.org/en/3",
        "outlet": "Example Wire",
        "published_at": "2025-07-22T12:00:00+03:00",
        "headline": "Missiles strike energy facilities overnight",
        "body": "A missile strike hit energy facilities near Kharkiv, officials said.",
        "lang": "en",
    },
]


@pytest.fixture(scope="session")
def mixed_home(tmp_path_factory: pytest.TempPathFactory) -> Home:
    """A home with a Ukrainian article, a hostile one (markup in its text) and a plain one."""
    home = Home.resolve(tmp_path_factory.mktemp("mixed-home")).prepare()
    source = home.root / "mixed.jsonl"
    source.write_text(
        "".join(json.dumps(article, ensure_ascii=False) + "\n" for article in MIXED_ARTICLES),
        encoding="utf-8",
    )
    run_pipeline(home, [str(source)])
    return home
