"""Shared fixtures: paths to the shared corpora and small warehouses built once per session."""

from __future__ import annotations

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
