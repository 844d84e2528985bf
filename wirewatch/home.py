"""Where a wirewatch installation keeps its state.

Everything wirewatch writes lives under one folder, the home: `--home`, else
`$WIREWATCH_HOME`, else `./data`. Nothing is written into the source tree.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from etl.landing import landed_path

HOME_ENV = "WIREWATCH_HOME"
DEFAULT_HOME = "data"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DAGSTER_YAML = PROJECT_ROOT / "dagster.yaml"


@dataclass(frozen=True)
class Home:
    """Paths inside one wirewatch home."""

    root: Path

    @classmethod
    def resolve(cls, given: str | os.PathLike[str] | None = None) -> Home:
        chosen = given or os.environ.get(HOME_ENV) or DEFAULT_HOME
        return cls(Path(chosen).expanduser().resolve())

    @property
    def warehouse(self) -> Path:
        """The published, read-only warehouse analysts and the dashboard open."""
        return self.root / "warehouse.duckdb"

    @property
    def work_db(self) -> Path:
        """The pipeline's private build database, published by copy."""
        return self.root / "work" / "warehouse.duckdb"

    @property
    def previous_publication(self) -> Path:
        """The publication before the current one, brought up to date to become the next."""
        return self.root / "work" / "previous-publication.duckdb"

    @property
    def landing(self) -> Path:
        """Content-addressed, immutable copies of every input received: raw/<2 hex>/<sha256>."""
        return self.root / "raw"

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def demo(self) -> Path:
        return self.root / "demo"

    @property
    def sources_yaml(self) -> Path:
        return self.root / "sources.yaml"

    @property
    def officials_yaml(self) -> Path:
        """The home's own officials reference; config/officials.yaml when absent."""
        return self.root / "officials.yaml"

    @property
    def topics_yaml(self) -> Path:
        """The home's own topic taxonomy; config/topics.yaml when absent."""
        return self.root / "topics.yaml"

    @property
    def fetch_state(self) -> Path:
        """ETags and Last-Modified dates of polled URLs, so the next poll is conditional."""
        return self.root / "fetch-state.json"

    @property
    def dagster_home(self) -> Path:
        return self.root / "dagster"

    def landed_path(self, doc_id: str) -> Path:
        return landed_path(self.landing, doc_id)

    def prepare(self) -> Home:
        """Create the folders and install the project's dagster.yaml as the instance config."""
        for folder in (self.root, self.work_db.parent, self.landing, self.inbox, self.dagster_home):
            folder.mkdir(parents=True, exist_ok=True)
        target = self.dagster_home / "dagster.yaml"
        if not target.exists() or target.read_bytes() != DAGSTER_YAML.read_bytes():
            shutil.copyfile(DAGSTER_YAML, target)
        return self
