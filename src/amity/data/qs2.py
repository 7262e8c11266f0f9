"""Read R ``qs2`` files (the format of the fpsim UN votes) without R.

Layout (qs2 package): a 24-byte header, then blocks. Each block starts with a little-endian uint32 whose
bit 31 says the block was byte-shuffled with element size 8 and whose low 31 bits give the length of the
zstd frame that follows. The decompressed blocks, concatenated, are R's native serialization (version 3),
which the ``rdata`` package parses.
"""

from __future__ import annotations

import struct
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import zstandard

from amity.errors import ChecksumError

HEADER_BYTES = 24
SHUFFLE_FLAG = 1 << 31
SHUFFLE_TYPESIZE = 8


def _unshuffle(block: bytes, typesize: int = SHUFFLE_TYPESIZE) -> bytes:
    """Undo a blosc-style byte shuffle: byte k of every element was stored together."""
    n = len(block) // typesize
    if n == 0:
        return block
    head = np.frombuffer(block, dtype=np.uint8, count=n * typesize)
    out = head.reshape(typesize, n).T.tobytes()
    return out + block[n * typesize :]


def qs2_payload(path: str | Path) -> bytes:
    """The R serialization stream inside a qs2 file."""
    raw = Path(path).read_bytes()
    if len(raw) <= HEADER_BYTES:
        raise ChecksumError(f"{path}: too short to be a qs2 file")
    dctx = zstandard.ZstdDecompressor()
    pos, parts = HEADER_BYTES, []
    while pos < len(raw):
        if pos + 4 > len(raw):
            raise ChecksumError(f"{path}: truncated qs2 block header at byte {pos}")
        (word,) = struct.unpack_from("<I", raw, pos)
        pos += 4
        length = word & ~SHUFFLE_FLAG
        frame = raw[pos : pos + length]
        if len(frame) != length:
            raise ChecksumError(f"{path}: truncated qs2 block at byte {pos}")
        pos += length
        try:
            block = dctx.decompress(frame, max_output_size=1 << 28)
        except zstandard.ZstdError as exc:
            raise ChecksumError(f"{path}: corrupt zstd block at byte {pos - length}: {exc}") from None
        parts.append(_unshuffle(block) if word & SHUFFLE_FLAG else block)
    return b"".join(parts)


def read_qs2_frame(path: str | Path) -> pd.DataFrame:
    """A data frame stored with ``qs2::qs_save``, as pandas."""
    import rdata

    payload = qs2_payload(path)
    try:
        with warnings.catch_warnings():
            # rdata warns about the R classes Date/tbl_df it maps to plain values; that is what we want.
            warnings.simplefilter("ignore")
            parsed = rdata.parser.parse_data(payload, extension="rds")
            converted = rdata.conversion.convert(parsed)
    except Exception as exc:  # rdata raises many types on malformed input
        raise ChecksumError(f"{path}: not an R data frame in qs2 format ({exc})") from None
    if not isinstance(converted, pd.DataFrame):
        raise ChecksumError(f"{path}: qs2 file does not hold a data frame")
    return converted
