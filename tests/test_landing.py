"""Which files a source folder yields for landing, and under which path."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from etl import landing, parallel
from etl.landing import LandedFile, UnreadableFile, iter_input_files, land_all, land_files


def test_files_are_yielded_by_their_real_paths_in_a_stable_order(tmp_path: Path) -> None:
    real = tmp_path / "real"
    (real / "b").mkdir(parents=True)
    (real / "b" / "2.txt").write_text("two")
    (real / "1.txt").write_text("one")
    (real / ".hidden.txt").write_text("hidden")
    (real / "SOURCE.md").write_text("about")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "3.txt").write_text("three")
    os.symlink(elsewhere / "3.txt", real / "b" / "linked.txt")
    os.symlink(elsewhere, real / "linked-folder")
    os.symlink(real, tmp_path / "via-link")

    found = [path for _, path in iter_input_files([("demo", tmp_path / "via-link")])]

    assert found == [real / "1.txt", real / "b" / "2.txt", elsewhere / "3.txt"]
    assert all(path.is_absolute() and not path.is_symlink() for path in found)


def landed_bytes(landing_dir: Path) -> dict[Path, bytes]:
    return {
        path.relative_to(landing_dir): path.read_bytes()
        for path in landing_dir.rglob("*")
        if path.is_file()
    }


def test_landing_in_processes_gives_what_landing_in_turn_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for number in range(40):
        (inputs / f"{number:02}.txt").write_text(f"page {number % 37}")  # three copies
    os.symlink(tmp_path / "gone.txt", inputs / "dangling.txt")
    files = list(iter_input_files([("demo", inputs)]))
    monkeypatch.setattr(landing, "PARALLEL_FROM", 10)
    monkeypatch.setattr(landing, "CHUNK_FILES", 7)
    pools = []
    monkeypatch.setattr(
        parallel,
        "ProcessPoolExecutor",
        lambda *a, **k: pools.append(a) or ProcessPoolExecutor(*a, **k),
    )

    in_turn = land_files(files, tmp_path / "one")
    in_processes = list(land_all(files, tmp_path / "two", processes=2))

    assert [args[0] for args in pools] == [2]
    assert in_processes == in_turn
    assert [type(landed) for landed in in_turn].count(UnreadableFile) == 1
    assert "No such file" in next(x.reason for x in in_turn if isinstance(x, UnreadableFile))
    assert len({landed.doc_id for landed in in_turn if isinstance(landed, LandedFile)}) == 37
    stored = landed_bytes(tmp_path / "one")
    assert len(stored) == 37
    assert landed_bytes(tmp_path / "two") == stored
