"""Bytes to text for every text format, with undeclared legacy encodings detected.

News files arrive as UTF-8 (with or without a BOM), and sometimes as cp1251
(Ukrainian and Russian sites) or latin-1 without any declaration. UTF-8 is
tried first because it is by far the most common and almost never decodes
text that is not UTF-8; otherwise charset-normalizer picks the most plausible
encoding. Binary content and empty files are refused with a reason.
"""

from __future__ import annotations

from charset_normalizer import from_bytes

from etl.sources.records import SourceError

# Legacy encodings of the news wirewatch reads; narrowing the candidates keeps
# short texts from being mistaken for a rarer code page (latin-1 as cp1250).
CANDIDATES = ["cp1251", "cp1252", "latin_1", "koi8_u", "koi8_r", "utf_16", "iso8859_15"]


class UndecodableText(SourceError):
    """The bytes are not text in any encoding wirewatch recognises."""


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name) for `data`; UndecodableText when it is not text."""
    if not data.strip():
        raise UndecodableText("empty file")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UndecodableText("binary content (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    best = from_bytes(data[:1_000_000], cp_isolation=CANDIDATES).best()
    if best is None:
        raise UndecodableText(
            f"not valid UTF-8 (byte {utf8_error.start}: {utf8_error.reason}) "
            "and no other text encoding fits"
        )
    return data.decode(best.encoding, errors="replace"), best.encoding
