"""What the last poll of each URL returned, so the next poll can be conditional.

A feed polled every 15 minutes usually has not changed; sending its ETag and
Last-Modified back lets the server answer 304 with no body. The validators
live in a small JSON file the caller names, written atomically so a crash
mid-write never leaves half a file.
"""

from __future__ import annotations

import json
import os
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from etl.fetch.client import FetchResult

FORMAT_VERSION = 1


class FetchStateError(ValueError):
    """The state file cannot be read; the message names it and what is wrong."""


class FetchState:
    """Per-URL ETag and Last-Modified, keyed by the URL as the caller asked for it."""

    def __init__(
        self, path: str | os.PathLike[str], entries: dict[str, dict[str, Any]] | None = None
    ):
        self.path = Path(path)
        self._entries: dict[str, dict[str, Any]] = dict(entries or {})
        self._lock = threading.Lock()

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> FetchState:
        """The state saved at `path`; empty when the file does not exist yet."""
        path = Path(path)
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise FetchStateError(
                f"{path}: unreadable fetch state ({exc}); delete it to start afresh"
            ) from exc
        if not isinstance(document, dict) or document.get("version") != FORMAT_VERSION:
            raise FetchStateError(f"{path}: expected a fetch state with version {FORMAT_VERSION}")
        urls = document.get("urls")
        if not isinstance(urls, dict) or not all(isinstance(v, dict) for v in urls.values()):
            raise FetchStateError(f"{path}: expected 'urls' to map each URL to an object")
        return cls(path, urls)

    def conditional(self, url: str) -> dict[str, str | None]:
        """Keyword arguments for `Fetcher.fetch`: the validators remembered for `url`."""
        with self._lock:
            entry = self._entries.get(url, {})
            return {"etag": entry.get("etag"), "last_modified": entry.get("last_modified")}

    def remember(self, url: str, result: FetchResult) -> None:
        """Keep the validators of `result` for `url`; a 304 keeps the old ones unless it sends new."""
        with self._lock:
            old = self._entries.get(url, {})
            if result.not_modified:
                etag = result.etag or old.get("etag")
                last_modified = result.last_modified or old.get("last_modified")
            else:
                etag, last_modified = result.etag, result.last_modified
            if etag is None and last_modified is None:
                self._entries.pop(url, None)
                return
            self._entries[url] = {
                "etag": etag,
                "last_modified": last_modified,
                "checked_at": datetime.now(UTC).isoformat(timespec="seconds"),
            }

    def forget(self, url: str) -> None:
        with self._lock:
            self._entries.pop(url, None)

    def __len__(self) -> int:
        return len(self._entries)

    def save(self) -> None:
        """Write the state to its path, atomically."""
        with self._lock:
            document = {"version": FORMAT_VERSION, "urls": dict(sorted(self._entries.items()))}
            text = json.dumps(document, indent=1, ensure_ascii=False) + "\n"
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.part")
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, self.path)
