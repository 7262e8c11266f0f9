"""Write a :class:`~amity.report.model.Report` as a folder, replacing any earlier report atomically."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from amity.errors import AmityError
from amity.output import jsonable
from amity.report.html import render_html, render_markdown
from amity.report.model import Report


class ReportFolderError(AmityError, ValueError):
    """The output folder exists and is not an amity report."""


def check_folder(out: str | Path) -> Path:
    """``out`` as a Path, if it may be written: new, empty, or an earlier amity report (has data.json)."""
    out = Path(out)
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / "data.json").exists())):
        raise ReportFolderError(f"{out} exists and is not an amity report folder; choose a new or empty folder")
    return out


def write_report(report: Report, out: str | Path) -> Path:
    """Write ``index.html``, ``report.md``, ``charts/*.svg`` (``*.png`` where drawn) and ``data.json``.

    Everything goes into a temporary folder beside ``out`` first; only when it is complete is the old
    folder moved aside and the new one renamed into place, so a failure leaves the old report as it was.
    An existing ``out`` is replaced only if it is empty or an earlier amity report; missing parent folders
    are made.
    """
    out = check_folder(out)
    parent = out.parent
    try:  # a new folder's parents are made, as `mkdir -p` would
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportFolderError(f"cannot create {parent} for the report ({exc.strerror}); choose a folder you "
                                "can write to") from None
    tmp = Path(tempfile.mkdtemp(prefix=".amity-report-", dir=parent))
    old = None
    try:
        charts = tmp / "charts"
        charts.mkdir()
        for c in report.charts:
            (charts / f"{c.name}.svg").write_text(c.svg, encoding="utf-8")
            if c.png:
                (charts / f"{c.name}.png").write_bytes(c.png)
        (tmp / "index.html").write_text(render_html(report), encoding="utf-8")
        (tmp / "report.md").write_text(render_markdown(report), encoding="utf-8")
        data = json.dumps(jsonable(report.data), indent=1, default=str, ensure_ascii=False)
        (tmp / "data.json").write_text(data, encoding="utf-8")
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=".amity-report-old-", dir=parent))
            os.replace(out, old / "previous")
        os.replace(tmp, out)
    except BaseException:
        if old is not None and not out.exists():
            os.replace(old / "previous", out)  # put the earlier report back
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    return out
