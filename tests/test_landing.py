"""Which files a source folder yields for landing, and under which path."""

from __future__ import annotations

import os
from pathlib import Path

from etl.landing import iter_input_files


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
