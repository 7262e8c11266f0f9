"""Named regions and short labels for states (used by the signed networks, the report and the web app)."""

from __future__ import annotations

from collections.abc import Iterable

from amity.errors import UnknownOptionError
from amity.states.crosswalk import by_cow

# Regions as UN M49 geographic sub-regions (https://unstats.un.org/unsd/methodology/m49/), ISO3 codes.
# Taiwan is not listed by M49; it is added to Eastern Asia because COW treats it as a state (713).
REGIONS: dict[str, tuple[str, ...]] = {
    "south-asia": ("AFG", "BGD", "BTN", "IND", "IRN", "MDV", "NPL", "PAK", "LKA"),
    "east-asia": ("CHN", "JPN", "MNG", "PRK", "KOR", "TWN"),
    "south-east-asia": ("BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "TLS", "VNM"),
    "central-asia": ("KAZ", "KGZ", "TJK", "TKM", "UZB"),
    "western-asia": (
        "ARM",
        "AZE",
        "BHR",
        "CYP",
        "GEO",
        "IRQ",
        "ISR",
        "JOR",
        "KWT",
        "LBN",
        "OMN",
        "QAT",
        "SAU",
        "SYR",
        "TUR",
        "ARE",
        "YEM",
    ),
}


def region_members(region: str | Iterable[str] | None) -> list[str]:
    """ISO3 codes of a named region (see :data:`REGIONS`), or the given list of states itself."""
    if region is None:
        return []
    if isinstance(region, str):
        key = region.strip().lower().replace("_", "-").replace(" ", "-")
        if key in REGIONS:
            return list(REGIONS[key])
        if "," in region:
            return [s.strip() for s in region.split(",") if s.strip()]
        raise UnknownOptionError("region", region, sorted(REGIONS) + ["or a comma list of states"])
    return list(region)


def state_labels(codes: Iterable[int]) -> dict[int, str]:
    """COW code -> short label (ISO3 where one exists, else the COW abbreviation)."""
    rows = by_cow()
    out = {}
    for c in codes:
        row = rows.get(int(c))
        out[int(c)] = (row.iso3 or row.cow_abb) if row else str(c)
    return out
