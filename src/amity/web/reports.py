"""Report folders the server builds with ``amity report``'s function, one per resolved request, in a
temporary directory the server owns (no client path ever names a folder)."""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
import zipfile
from pathlib import Path

from amity.web.responses import InvalidInputError, Memo, request_years


class Reports:
    """Build each report once (per states and years) and keep its folder for the page, the API and the zip."""

    def __init__(self, max_third: int = 4, size: int = 32, gate=None):
        self.max_third = max_third
        self._dir = tempfile.TemporaryDirectory(prefix="amity-web-reports-")
        self._memo = Memo(size, gate)

    def key(self, a: str, b: str, third: list[str], years: str | None) -> tuple:
        """The resolved request: COW codes in order and the years (so "India" and "IND" share a folder)."""
        from amity.states import resolve

        if len(third) > self.max_third:
            raise InvalidInputError(f"at most {self.max_third} third parties per report (got {len(third)})")
        ys = request_years(years)
        return (tuple(int(resolve(q).cow) for q in (a, b, *third)), tuple(ys) if ys else None)

    def build(self, a: str, b: str, third: list[str], years: str | None) -> Path:
        from amity.report.build import report

        key = self.key(a, b, third, years)
        out = Path(self._dir.name) / hashlib.sha256(repr(key).encode()).hexdigest()[:16]

        def make() -> Path:
            report(a, b, third=third, years=years, out=out)
            return out

        return self._memo.get(key, make)

    @staticmethod
    def data(folder: Path) -> dict:
        return json.loads((folder / "data.json").read_text(encoding="utf-8"))

    @staticmethod
    def html(folder: Path) -> str:
        return (folder / "index.html").read_text(encoding="utf-8")

    def zip_name(self, folder: Path) -> str:
        meta = self.data(folder)["meta"]
        parts = [meta["a"], meta["b"], *meta["third"], f"{meta['years'][0]}-{meta['years'][1]}"]
        return "amity-report-" + "-".join("".join(ch for ch in p if ch.isalnum()) for p in parts) + ".zip"

    @staticmethod
    def zip(folder: Path) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for f in sorted(folder.rglob("*")):
                if f.is_file():
                    zf.write(f, Path("report") / f.relative_to(folder))
        return buf.getvalue()
