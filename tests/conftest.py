"""Shared test setup: every test session gets its own store, fed from the local data mirror.

``AMITY_DATA_MIRROR`` points at ``../shared/data`` (the verbatim mirrors of the public files) unless it
is already set; ``AMITY_HOME`` is a fresh temporary directory for the session, so tests never touch a
user's cache and never reach the network. Tests that read the real data carry the ``needs_data`` marker
(a whole module with ``pytestmark``); without the mirror they are skipped with the reason, and the rest —
the formulas, the IRT engine, the balance algorithms, the percentiles, the store's verbs — still run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DEFAULT_MIRROR = REPO.parent / "shared" / "data"


def mirror_dir() -> Path:
    return Path(os.environ.get("AMITY_DATA_MIRROR") or DEFAULT_MIRROR)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if mirror_dir().is_dir():
        return
    skip = pytest.mark.skip(reason=f"data mirror {mirror_dir()} not found: set AMITY_DATA_MIRROR to a copy of "
                                   "shared/data to run the tests on the real data")
    for item in items:
        if "needs_data" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def amity_env(tmp_path_factory: pytest.TempPathFactory):
    """A session-wide AMITY_HOME and mirror; the store fills lazily as tests read tables."""
    home = os.environ.get("AMITY_TEST_HOME") or str(tmp_path_factory.mktemp("amity-home"))
    old = {k: os.environ.get(k) for k in ("AMITY_HOME", "AMITY_DATA_MIRROR")}
    os.environ["AMITY_HOME"] = home
    os.environ["AMITY_DATA_MIRROR"] = str(mirror_dir())
    yield Path(home)
    for k, v in old.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="session")
def mirror() -> Path:
    return mirror_dir()
