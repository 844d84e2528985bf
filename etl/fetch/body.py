"""Reading a response body within size and time caps, decompressing as it streams.

The body is read as raw chunks and decoded here rather than by httpx, because
httpx inflates each chunk whole: a 64 KB chunk of a gzip bomb becomes 64 MB
before anyone can count it. Here every inflate call is told how many bytes
may still come out, so a bomb is stopped one byte past the cap, and the raw
and decoded sizes are each checked against their own cap.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Iterable

from etl.fetch.errors import BadEncoding, ResponseTooLarge, ResponseTooSlow

# What the fetcher sends as Accept-Encoding; anything else in Content-Encoding is refused.
ACCEPT_ENCODING = "gzip, deflate"


class _Inflater:
    """gzip or deflate decoding that yields no more output than asked for."""

    def __init__(self, encoding: str) -> None:
        self.gzip = encoding in {"gzip", "x-gzip"}
        self._z = zlib.decompressobj(16 + zlib.MAX_WBITS if self.gzip else zlib.MAX_WBITS)
        self._started = False

    def decode(self, data: bytes, room: int) -> bytes:
        """Inflate `data`, stopping once more than `room` bytes came out."""
        out = bytearray()
        while data and len(out) <= room:
            try:
                piece = self._z.decompress(data, room + 1 - len(out))
            except zlib.error:
                if self.gzip or self._started:
                    raise
                # "deflate" is often sent raw, without the zlib header.
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                self._started = True
                continue
            self._started = True
            out += piece
            if self._z.eof:
                data = self._z.unused_data
                if not (self.gzip and data):
                    break
                self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)  # next gzip member
            else:
                stalled = not piece and len(self._z.unconsumed_tail) >= len(data)
                data = b"" if stalled else self._z.unconsumed_tail
        return bytes(out)

    def finish(self) -> bytes:
        if not self._z.eof and self._started:
            raise zlib.error("compressed data ends early")
        return self._z.flush()


def read_body(
    chunks: Iterable[bytes],
    *,
    url: str,
    content_encoding: str | None,
    max_bytes: int,
    max_decoded_bytes: int,
    deadline: float,
    time_cap: float,
    truncate: bool = False,
    clock: Callable[[], float] = time.monotonic,
) -> bytes:
    """The decoded body; raises a FetchError as soon as a cap is passed.

    With `truncate`, a body over a size cap is cut at the cap instead (robots.txt
    is read that way). The deadline is checked between chunks: a single
    stalled read is bounded by the client's read timeout.
    """
    encoding = (content_encoding or "identity").strip().lower()
    if encoding not in {"identity", "gzip", "x-gzip", "deflate"}:
        raise BadEncoding(url, f"unsupported Content-Encoding {content_encoding!r}")
    inflater = None if encoding == "identity" else _Inflater(encoding)
    raw_size = 0
    decoded = bytearray()
    try:
        for chunk in chunks:
            if clock() > deadline:
                raise ResponseTooSlow(url, f"response took longer than {time_cap:g} s")
            raw_size += len(chunk)
            if raw_size > max_bytes:
                if truncate:
                    chunk = chunk[: len(chunk) - (raw_size - max_bytes)]
                else:
                    raise ResponseTooLarge(url, f"response larger than {max_bytes} bytes")
            room = max_decoded_bytes - len(decoded)
            decoded += inflater.decode(chunk, room) if inflater else chunk
            if len(decoded) > max_decoded_bytes:
                if truncate:
                    return bytes(decoded[:max_decoded_bytes])
                raise ResponseTooLarge(
                    url, f"response larger than {max_decoded_bytes} bytes once decompressed"
                )
            if raw_size >= max_bytes and truncate:
                return bytes(decoded)
        if inflater:
            decoded += inflater.finish()
    except zlib.error as exc:
        if truncate:
            return bytes(decoded[:max_decoded_bytes])
        raise BadEncoding(url, f"invalid {encoding} data ({exc})") from exc
    if len(decoded) > max_decoded_bytes:
        raise ResponseTooLarge(
            url, f"response larger than {max_decoded_bytes} bytes once decompressed"
        )
    return bytes(decoded)
