"""Sources configuration: `<home>/sources.yaml`, validated at load.

With no file, wirewatch reads `<home>/inbox`. A file lists named sources: local
files and folders to ingest, and feeds or pages to poll. See
config/sources.example.yaml for every field. Relative paths start at the home.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from etl.clean.timezones import DEFAULT_OUTLET_TZ, LocalTimeError, zone
from etl.fetch import DEFAULT_USER_AGENT, FetchPolicy, hosts_of
from etl.fetch.poll import LiveSource
from etl.sources.records import SourceHints
from wirewatch.home import Home


class ConfigError(ValueError):
    """Configuration that cannot be used; the message says where and why."""


class ColumnMapping(BaseModel):
    """Which columns of a CSV or Parquet export hold which article field."""

    model_config = ConfigDict(extra="forbid")

    headline: str | None = None
    body: str | None = None
    lead: str | None = None
    published_at: str | None = None
    date_format: str | None = Field(
        default=None, description="strftime format of published_at; ISO 8601 when omitted"
    )
    url: str | None = None
    outlet: str | None = None
    section: str | None = None
    tags: str | None = None
    lang: str | None = None


class SourceConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    kind: Literal["files", "feed", "page"] = "files"
    path: Path | None = None
    url: str | None = None
    outlet: str | None = None
    tz: str = DEFAULT_OUTLET_TZ
    poll_minutes: int = Field(default=15, ge=1)
    max_pages: int = Field(default=50, ge=0, description="article pages fetched per poll")
    allow_hosts: list[str] = Field(
        default_factory=list, description="other hosts this feed's links may point to"
    )
    mapping: ColumnMapping | None = None

    @field_validator("tz")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            zone(value)
        except LocalTimeError as exc:
            raise ValueError(str(exc)) from exc
        return value

    @model_validator(mode="after")
    def _where(self) -> SourceConfig:
        if self.kind == "files" and self.path is None:
            raise ValueError("a files source needs a path")
        if self.kind in {"feed", "page"} and not self.url:
            raise ValueError(f"a {self.kind} source needs a url")
        return self

    def hints(self, uri: str = "") -> SourceHints:
        mapping: dict[str, Any] = self.mapping.model_dump(exclude_none=True) if self.mapping else {}
        return SourceHints(uri=uri, outlet=self.outlet, tz=self.tz, mapping=mapping)


class FetchConfig(BaseModel):
    """How live sources are fetched; see etl.fetch.FetchPolicy for what each limit does."""

    model_config = ConfigDict(extra="forbid")

    user_agent: str = DEFAULT_USER_AGENT
    min_interval_s: float = Field(default=1.0, ge=0)
    timeout_s: float = Field(default=30.0, gt=0)
    max_bytes: int = Field(default=10 * 1024 * 1024, gt=0)
    max_attempts: int = Field(default=3, ge=1)
    allow_private_addresses: bool = Field(
        default=False, description="fetch from private and loopback addresses: for tests only"
    )

    def policy(self) -> FetchPolicy:
        return FetchPolicy(
            user_agent=self.user_agent,
            min_interval=self.min_interval_s,
            total_timeout=self.timeout_s,
            max_bytes=self.max_bytes,
            max_decoded_bytes=self.max_bytes,
            max_attempts=self.max_attempts,
            allow_private_addresses=self.allow_private_addresses,
        )


class SourcesConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sources: list[SourceConfig] = Field(default_factory=list)
    fetch: FetchConfig = Field(default_factory=FetchConfig)

    @model_validator(mode="after")
    def _unique_names(self) -> SourcesConfig:
        names = [s.name for s in self.sources]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise ValueError(f"source names must be unique; repeated: {', '.join(repeated)}")
        return self


def load_sources(home: Home) -> SourcesConfig:
    """The home's sources, or the inbox alone when no sources.yaml exists."""
    path = home.sources_yaml
    if not path.exists():
        return SourcesConfig(sources=[SourceConfig(name="inbox", path=home.inbox)])
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        config = SourcesConfig.model_validate(raw)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        raise ConfigError(f"{path}: {where}: {first['msg']}") from exc
    for source in config.sources:
        if source.path is not None and not source.path.is_absolute():
            source.path = home.root / source.path
    return config


def file_sources(home: Home) -> list[tuple[str, str]]:
    """(name, path) of every configured files source."""
    return [(s.name, str(s.path)) for s in load_sources(home).sources if s.kind == "files"]


def hints_for(home: Home, source: str, uri: str = "") -> SourceHints:
    """What the configuration says about `source` (a configured name, or a path given by hand)."""
    for configured in load_sources(home).sources:
        if configured.name == source:
            return configured.hints(uri)
    return SourceHints(uri=uri)


def live_sources(config: SourcesConfig) -> list[LiveSource]:
    """Every configured feed and page source, ready to poll."""
    return [
        LiveSource(s.name, s.kind, s.url, s.hints(s.url), s.max_pages)
        for s in config.sources
        if s.kind in {"feed", "page"} and s.url
    ]


def allowed_hosts(config: SourcesConfig) -> frozenset[str]:
    """Hosts of the live sources' URLs plus the extra hosts each allows."""
    urls = [s.url for s in config.sources if s.url]
    extra = {host.lower() for s in config.sources for host in s.allow_hosts}
    return hosts_of(urls) | extra
