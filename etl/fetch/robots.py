"""robots.txt as RFC 9309 reads it: groups per user agent, longest match wins.

Written out rather than taken from `urllib.robotparser`, which applies rules
in file order instead of by specificity and ignores the `*` and `$` patterns
that news sites use (`Disallow: /*?utm_`). The status rules follow RFC 9309
section 2.3.1: a 4xx robots.txt allows everything, a 5xx or an unreachable one
disallows everything (for the run; the fetcher caches the answer per origin).
"""

from __future__ import annotations

import re
import string
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote

_UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")


def product_token(user_agent: str) -> str:
    """The name robots.txt groups are matched against: `wirewatch` in `wirewatch/0.1 (+url)`."""
    words = user_agent.strip().split()
    return words[0].split("/", 1)[0].lower() if words else ""


def normalize_path(path: str) -> str:
    """Path and query in the one form RFC 9309 compares: non-ASCII percent-encoded,
    escapes of unreserved characters decoded, other escapes upper-case."""
    encoded = quote(path, safe="!#$%&'()*+,/:;=?@[]~")

    def unescape(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else "%" + match.group(1).upper()

    return _ESCAPE.sub(unescape, encoded)


@dataclass(frozen=True)
class Rule:
    allow: bool
    pattern: str  # normalised, may contain * and a final $

    def matches(self, path: str) -> bool:
        return _compile(self.pattern).match(path) is not None


@lru_cache(maxsize=4096)
def _compile(pattern: str) -> re.Pattern[str]:
    anchored = pattern.endswith("$")
    body = pattern[:-1] if anchored else pattern
    regex = ".*".join(re.escape(part) for part in body.split("*"))
    return re.compile(regex + (r"\Z" if anchored else ""), re.DOTALL)


@dataclass(frozen=True)
class RobotsRules:
    """The rules of one origin's robots.txt that apply to our user agent."""

    rules: tuple[Rule, ...] = ()
    crawl_delay: float | None = None
    unreachable: str | None = None  # why robots.txt could not be read; then nothing is allowed

    @classmethod
    def allow_all(cls) -> RobotsRules:
        return cls()

    @classmethod
    def disallow_all(cls, reason: str) -> RobotsRules:
        return cls(unreachable=reason)

    @classmethod
    def parse(cls, text: str, user_agent: str) -> RobotsRules:
        """Rules of the groups naming our product token, else of the `*` groups."""
        token = product_token(user_agent)
        groups: list[_Group] = []
        current: _Group | None = None
        for raw in text.lstrip("\ufeff").splitlines():
            line = raw.split("#", 1)[0].strip()
            key, sep, value = line.partition(":")
            if not sep:
                continue
            key, value = key.strip().lower(), value.strip()
            if key == "user-agent":
                if current is None or current.has_members:
                    current = _Group()
                    groups.append(current)
                current.agents.add(value.split("/", 1)[0].strip().lower())
            elif current is None:
                continue
            elif key in {"allow", "disallow"}:
                current.has_members = True
                if value:
                    current.rules.append(Rule(key == "allow", normalize_path(value)))
            elif key == "crawl-delay":
                current.has_members = True
                try:
                    current.crawl_delay = float(value)
                except ValueError:
                    pass
        chosen = [group for group in groups if token and token in group.agents]
        if not chosen:
            chosen = [group for group in groups if "*" in group.agents]
        delays = [group.crawl_delay for group in chosen if group.crawl_delay is not None]
        return cls(
            rules=tuple(rule for group in chosen for rule in group.rules),
            crawl_delay=max(delays) if delays else None,
        )

    def allows(self, path: str) -> bool:
        """Whether `path` (path and query of a URL) may be fetched.

        The longest matching pattern decides; on a tie, Allow wins. /robots.txt
        itself is always allowed.
        """
        if self.unreachable is not None:
            return False
        path = normalize_path(path or "/")
        if path == "/robots.txt":
            return True
        best: Rule | None = None
        for rule in self.rules:
            if rule.matches(path) and (
                best is None
                or len(rule.pattern) > len(best.pattern)
                or (len(rule.pattern) == len(best.pattern) and rule.allow)
            ):
                best = rule
        return best is None or best.allow


def rules_from_response(status: int, body: bytes, user_agent: str) -> RobotsRules:
    """RFC 9309 2.3.1: 2xx is parsed, 4xx (but 429) allows all, anything else disallows all."""
    if 200 <= status < 300:
        return RobotsRules.parse(body.decode("utf-8", errors="replace"), user_agent)
    if 400 <= status < 500 and status != 429:
        return RobotsRules.allow_all()
    return RobotsRules.disallow_all(f"robots.txt answered HTTP {status}")


@dataclass
class _Group:
    agents: set[str] = field(default_factory=set)
    rules: list[Rule] = field(default_factory=list)
    crawl_delay: float | None = None
    has_members: bool = False


class RobotsCache:
    """Each origin's rules, loaded once per cache (one run) even with concurrent callers."""

    def __init__(self, load: Callable[[str], RobotsRules]) -> None:
        self._load = load
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def rules(self, origin: str) -> RobotsRules:
        """Rules for `origin` (scheme://host:port); exceptions from the loader are not cached."""
        with self._lock:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._rules:
                self._rules[origin] = self._load(origin)
            return self._rules[origin]
