"""Bytes to text, refusing what is not text and saying why."""

from __future__ import annotations

import codecs
import logging

from ..errors import Err, WirewatchError

log = logging.getLogger(__name__)

# File signatures of common binary formats people feed by mistake.
MAGIC = (
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"PAR1", "Parquet file"),
    (b"SQLite format 3", "SQLite database"),
)
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of mostly Latin script has a NUL in every other byte."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, item: str) -> tuple[str, str]:
    """Return (text, encoding). Raises WirewatchError for binary or undecodable input.

    Line ends are normalised to "\\n", as Python's text mode reads files, so offsets
    match what any Python reader of the same file sees.
    """
    if not data:
        raise WirewatchError(Err.W001, item=item)
    encoding = None
    for bom, name in BOMS:
        if data.startswith(bom):
            encoding = name
            break
    if encoding is None:
        for magic, kind in MAGIC:
            if data.startswith(magic):
                raise WirewatchError(Err.W003, item=item, kind=kind)
        encoding = _utf16_without_bom(data)
    if encoding is None and b"\x00" in data[:8192]:
        raise WirewatchError(Err.W003, item=item, kind="contains NUL bytes")
    if encoding is None:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as exc:
            text, encoding = _guess(data, item, exc)
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise WirewatchError(Err.W005, item=item, detail=f"{encoding}: {exc.reason}") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if encoding == "utf-8-sig":
        encoding = "utf-8"
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\n\t\f\v")
    if controls > max(8, len(text[:8192]) // 20):
        raise WirewatchError(Err.W003, item=item, kind="mostly control characters")
    if not text.strip():
        raise WirewatchError(Err.W002, item=item)
    return text, encoding


def _guess(data: bytes, item: str, exc: UnicodeDecodeError) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise WirewatchError(
            Err.W005, item=item, detail=f"not UTF-8 ({exc.reason} at byte {exc.start})"
        ) from None
    encoding = best.encoding
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise WirewatchError(Err.W005, item=item, detail=f"not UTF-8, nor {encoding}") from None
    log.warning("%s: not UTF-8; read as %s", item, encoding)
    return text, encoding
