"""amity: measure patterns of amity and enmity between states.

The public API is re-exported here lazily, so ``import amity`` stays fast::

    import amity
    amity.resolve("New Delhi")                   # State(iso3='IND', cow=750, …)
    amity.dyad_years(years="1991-2019").pipe(amity.add_atop)
"""

from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    "resolve": "amity.states",
    "State": "amity.states",
    "parse_years": "amity.years",
    "fetch_sources": "amity.data.store",
    "table": "amity.data.store",
    "query": "amity.data.store",
    "system_members": "amity.states",
    "crosswalk": "amity.states",
    "dyad_years": "amity.frames",
    "state_years": "amity.frames",
    "add_atop": "amity.frames",
    "add_capabilities": "amity.frames",
    "add_igos": "amity.frames",
    "add_mids": "amity.frames",
    "add_rivalry": "amity.frames",
    "add_contiguity": "amity.frames",
    "add_trade": "amity.frames",
    "add_icews": "amity.frames",
}
# Each area declares its public names in its package's EXPORTS dict (names only, no imports).
for _mod in ("amity.measures", "amity.text", "amity.report"):
    _EXPORTS.update(import_module(_mod).EXPORTS)
# Importing amity.report above bound the subpackage to the name ``report`` here; the exported function of that
# name (amity.report(...)) must win, so the binding is dropped and __getattr__ serves the function.
globals().pop("report", None)

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'amity' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
