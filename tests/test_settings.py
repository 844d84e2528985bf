"""sources.yaml: the example validates, and mistakes are reported where they are."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wirewatch.home import PROJECT_ROOT, Home
from wirewatch.settings import ConfigError, allowed_hosts, live_sources, load_sources


def _home_with(tmp_path: Path, text: str) -> Home:
    home = Home.resolve(tmp_path)
    home.root.mkdir(parents=True, exist_ok=True)
    home.sources_yaml.write_text(text, encoding="utf-8")
    return home


def test_the_documented_example_is_valid(tmp_path: Path) -> None:
    home = Home.resolve(tmp_path)
    home.root.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT_ROOT / "config" / "sources.example.yaml", home.sources_yaml)
    config = load_sources(home)
    names = [s.name for s in config.sources]
    assert names == ["inbox", "interfax-dumps", "ruwa", "kyiv-independent", "live-blog"]
    assert config.sources[0].path == home.root / "inbox"
    assert config.sources[2].hints().mapping["date_format"] == "%m/%d/%Y"
    assert [s.name for s in live_sources(config)] == ["kyiv-independent", "live-blog"]
    assert allowed_hosts(config) == {"kyivindependent.com", "example.org"}


def test_without_a_file_the_inbox_is_the_source(tmp_path: Path) -> None:
    config = load_sources(Home.resolve(tmp_path))
    assert [(s.name, s.path) for s in config.sources] == [("inbox", tmp_path.resolve() / "inbox")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sources:\n  - name: a\n    pth: x\n", "sources.0.pth"),
        ("sources:\n  - name: a\n    kind: feed\n", "a feed source needs a url"),
        ("sources:\n  - name: a\n    path: x\n    tz: Europe/Kiev2\n", "unknown time zone"),
        ("sources:\n  - name: a\n    path: x\n  - name: a\n    path: y\n", "repeated: a"),
        ("sources: [\n", "not valid YAML"),
        ("fetch:\n  min_interval_s: -1\n", "fetch.min_interval_s"),
    ],
)
def test_mistakes_name_the_field(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ConfigError, match="sources.yaml") as error:
        load_sources(_home_with(tmp_path, text))
    assert expected in str(error.value)
