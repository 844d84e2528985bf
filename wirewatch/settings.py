"""Sources configuration: `<home>/sources.yaml`, validated at load.

With no file, wirewatch reads `<home>/inbox`. A file lists named sources::

    sources:
      - name: interfax-dumps
        path: /srv/news/interfax      # a file or a folder, read recursively

Relative paths are taken from the home. See config/sources.example.yaml.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from wirewatch.home import Home


class ConfigError(ValueError):
    """Configuration that cannot be used; the message says where and why."""


class SourceConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    path: Path


class SourcesConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sources: list[SourceConfig] = Field(default_factory=list)


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
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{path}: {where}: {first['msg']}") from exc
    for source in config.sources:
        if not source.path.is_absolute():
            source.path = home.root / source.path
    return config


def source_paths(home: Home) -> list[str]:
    return [str(source.path) for source in load_sources(home).sources]
