"""Reports the server builds with ``amity report``'s functions (``build_report``, then ``write_report`` into
a temporary directory the server owns: no client path ever names a folder), one per resolved request."""

from __future__ import annotations

import hashlib
import io
import shutil
import tempfile
import zipfile
from pathlib import Path

from amity.report.model import Report
from amity.web.responses import InvalidInputError, Memo, request_years


def remove_folder(built: tuple[Report, Path]) -> None:
    """Delete an evicted report's folder, so a long-running server keeps at most ``size`` of them on disk."""
    shutil.rmtree(built[1], ignore_errors=True)


class Reports:
    """Build each report once (per states and years) and keep its folder for the page, the API and the zip."""

    def __init__(self, max_third: int = 4, size: int = 32):
        self.max_third = max_third
        self._dir = tempfile.TemporaryDirectory(prefix="amity-web-reports-")
        self._built = Memo(size, on_evict=remove_folder)
        self._claims = Memo(size)

    def key(self, a: str, b: str, third: list[str], years: str | None) -> tuple:
        """The resolved request: COW codes in order and the years (so "India" and "IND" share a folder)."""
        from amity.states import resolve

        if len(third) > self.max_third:
            raise InvalidInputError(f"at most {self.max_third} third parties per report (got {len(third)})")
        ys = request_years(years)
        return (tuple(int(resolve(q).cow) for q in (a, b, *third)), tuple(ys) if ys else None)

    def build(self, a: str, b: str, third: list[str], years: str | None) -> tuple[Report, Path]:
        """The :class:`~amity.report.model.Report` and the folder it was written to (index.html, report.md,
        charts/, data.json)."""
        from amity.report.build import build_report
        from amity.report.write import write_report

        key = self.key(a, b, third, years)
        out = Path(self._dir.name) / hashlib.sha256(repr(key).encode()).hexdigest()[:16]

        def make() -> tuple[Report, Path]:
            rep = build_report(a, b, third, years)
            write_report(rep, out)
            return rep, out

        return self._built.get(key, make)

    def claims(self, a: str, b: str, docs: list) -> list[dict]:
        """The verdict on each checkable claim of ``docs`` (read documents), from the report on ``a``–``b``
        that checks them (``build_report(..., articles=...)``; the text goes to a file the server names)."""
        from amity.report.build import build_report

        paths = []
        for d in docs:
            text = d.text[d.body_start:]
            path = Path(self._dir.name) / f"article-{hashlib.sha256(text.encode()).hexdigest()[:16]}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        key = (self.key(a, b, [], None), tuple(p.name for p in paths))

        def check() -> list[dict]:
            try:
                return build_report(a, b, articles=paths).data["claims"]
            finally:  # the verdicts are kept, the article copies are not needed once read
                for p in paths:
                    p.unlink(missing_ok=True)

        return self._claims.get(key, check)

    @staticmethod
    def html(folder: Path) -> str:
        return (folder / "index.html").read_text(encoding="utf-8")

    @staticmethod
    def zip_name(rep: Report) -> str:
        meta = rep.data["meta"]
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
