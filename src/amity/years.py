"""One parser for every ``years`` argument in amity (Python API and CLI)."""

from __future__ import annotations

from collections.abc import Iterable

from amity.errors import InputError

YearsLike = int | str | Iterable[int] | range | None


def parse_years(years: YearsLike) -> list[int] | None:
    """Normalise a year span to a sorted list of distinct years, or ``None`` for "all years".

    Accepts one year (``2019`` or ``"2019"``), a range string (``"1991-2019"``, inclusive at both
    ends), a comma list of either (``"1946-1950,1991"``), or any iterable of years.

    >>> parse_years("1991-1993")
    [1991, 1992, 1993]
    >>> parse_years(2019)
    [2019]
    """
    if years is None:
        return None
    if isinstance(years, bool):
        raise InputError(f"not a year: {years!r}")
    if isinstance(years, int):
        return [years]
    if isinstance(years, str):
        out: set[int] = set()
        for part in years.replace(" ", "").split(","):
            if not part:
                continue
            lo, sep, hi = part.partition("-")
            try:
                a = int(lo)
                b = int(hi) if sep else a
            except ValueError:
                raise InputError(
                    f"cannot read years {years!r}: use one year (2019), a range (1991-2019) or a list"
                ) from None
            if b < a:
                raise InputError(f"year range {part!r} runs backwards; write {b}-{a}")
            out.update(range(a, b + 1))
        if not out:
            raise InputError(f"no years in {years!r}")
        return sorted(out)
    try:
        return sorted({int(y) for y in years})
    except (TypeError, ValueError):
        raise InputError(f"cannot read years {years!r}") from None


def year_bounds(years: YearsLike) -> tuple[int, int] | None:
    """First and last year of a span, or ``None`` for all years."""
    ys = parse_years(years)
    return None if ys is None else (ys[0], ys[-1])


def years_within(years: YearsLike, lo: int, hi: int, what: str) -> list[int]:
    """The requested years inside ``lo``-``hi`` (all of them for ``None``); a span wholly outside raises.

    ``what`` names the data in the error, e.g. ``"ATOP alliance portfolios"``.
    """
    from amity.errors import CoverageError

    ys = parse_years(years)
    if ys is None:
        return list(range(lo, hi + 1))
    inside = [y for y in ys if lo <= y <= hi]
    if not inside:
        span = f"year {ys[0]} lies" if ys[0] == ys[-1] else f"years {ys[0]}-{ys[-1]} lie"
        raise CoverageError(f"{what} cover {lo}-{hi}; {span} outside")
    return inside
