"""Parsers: turn a source's verified files into tidy tables (one function per file format).

Each parser takes ``{mirror path: local path}`` and returns ``{table name: DataFrame}``. A file that is
not in the expected format raises :class:`~amity.errors.ChecksumError` naming the file.
"""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from amity.errors import ChecksumError

Files = dict[str, Path]
Tables = dict[str, pd.DataFrame]

# Columns that are integer codes or years in the R files (stored there as doubles).
_INT_COLUMNS = re.compile(
    r"^(ccode\d?|gwcode\d?|year|styear|endyear|stmonth|stday|endmonth|endday|rcid|session|dispnum|"
    r"rivalryno|tssr_id|start|end|conttype|version|yrborn|cowmid\w*|sidea\d|orig\d|hiact\d?|hostlev\d?|"
    r"fatality\d?|fatalpre\d?|recip|stmon|mindur|maxdur|atop_\w+|dyadigos|importantvote|amend|para)$"
)


def _tidy(df: pd.DataFrame) -> pd.DataFrame:
    df = df.reset_index(drop=True)
    for col in df.columns:
        series = df[col]
        if _INT_COLUMNS.match(col) and (pd.api.types.is_float_dtype(series) or series.dtype == object):
            num = pd.to_numeric(series, errors="coerce")
            if num.dropna().mod(1).eq(0).all():
                df[col] = num.astype("Int64")
        elif series.dtype == object and len(series.dropna()) and hasattr(series.dropna().iloc[0], "year"):
            df[col] = pd.to_datetime(series, errors="coerce")
        elif isinstance(series.dtype, pd.CategoricalDtype):
            df[col] = series.astype("string")
    return df


def read_rda(path: Path) -> Tables:
    import pyreadr

    try:
        result = pyreadr.read_r(str(path))
    except Exception as exc:  # pyreadr raises LibrdataError and others on bad input
        raise ChecksumError(f"{path.name}: not a readable R data file ({exc}); fetch it again") from None
    if not result:
        raise ChecksumError(f"{path.name}: R data file holds no data frame; fetch it again")
    return {name: _tidy(df) for name, df in result.items()}


def parse_rda(files: Files) -> Tables:
    """Every data frame in every ``.rda`` file, with integer codes and years as integers."""
    out: Tables = {}
    for path in files.values():
        out.update(read_rda(path))
    return out


def parse_unvotes(files: Files) -> Tables:
    """unvotes: votes (rcid, ISO2 country_code, vote), roll calls (session, date, important vote), issues."""
    tables = parse_rda(files)
    votes = tables["un_votes"]
    votes["vote"] = votes["vote"].astype("string")
    calls = tables["un_roll_calls"]
    calls["date"] = pd.to_datetime(calls["date"])
    return tables


def parse_unvotes_fpsim(files: Files) -> Tables:
    """fpsim's yearly qs2 files -> one table ``un_votes_fpsim`` (rcid, ccode, date, year, vote 1/2/3)."""
    from amity.data.qs2 import read_qs2_frame

    frames = []
    for path in sorted(files.values()):
        df = read_qs2_frame(path)
        missing = {"resid", "ccode", "date", "year", "vote"} - set(df.columns)
        if missing:
            raise ChecksumError(f"{path.name}: qs2 frame lacks columns {sorted(missing)}")
        frames.append(df)
    votes = pd.concat(frames, ignore_index=True)
    out = pd.DataFrame({
        "rcid": votes["resid"].astype("int64"),
        "ccode": votes["ccode"].astype("int64"),
        # R Dates are days since 1970-01-01.
        "date": pd.to_datetime(votes["date"].astype("int64"), unit="D"),
        "year": votes["year"].astype("int64"),
        "vote": votes["vote"].astype("int8"),
    })
    return {"un_votes_fpsim": out.sort_values(["rcid", "ccode"], ignore_index=True)}


def _banner_csv(path: Path, header_starts: str) -> pd.DataFrame:
    """A CSV exported by SIPRI: some banner lines, then a header line starting with ``header_starts``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        text = path.read_text(encoding="cp1252")
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.lstrip('"').startswith(header_starts):
            return pd.read_csv(io.StringIO("\n".join(lines[i:])), dtype=str, keep_default_na=False)
    raise ChecksumError(
        f"{path.name}: no header line starting {header_starts!r}; not a SIPRI export in the expected format"
    )


def _to_float(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series.str.replace("?", "", regex=False).str.strip(), errors="coerce")


def parse_sipri_register(files: Files) -> Tables:
    """SIPRI trade register (one row per deal and delivery year) with TIV of the delivered weapons."""
    (path,) = files.values()
    raw = _banner_csv(path, "SIPRI AT Database ID")
    need = ["Supplier", "Recipient", "Delivery year", "TIV delivery values"]
    missing = [c for c in need if c not in raw.columns]
    if missing:
        raise ChecksumError(f"{path.name}: missing columns {missing}")
    out = pd.DataFrame({
        "deal_id": pd.to_numeric(raw["SIPRI AT Database ID"], errors="coerce").astype("Int64"),
        "supplier": raw["Supplier"].str.strip(),
        "recipient": raw["Recipient"].str.strip(),
        "designation": raw["Designation"],
        "description": raw["Description"],
        "category": raw["Armament category"],
        "order_year": _to_float(raw["Order date"]).astype("Int64"),
        "number_delivered": _to_float(raw["Numbers delivered"]),
        "year": _to_float(raw["Delivery year"]).astype("Int64"),
        "status": raw["Status"],
        "tiv_unit": _to_float(raw["TIV deal unit"]),
        "tiv": _to_float(raw["TIV delivery values"]),
        "local_production": raw["Local production"].eq("Yes"),
    })
    return {"sipri_register": out}


_TIV_TITLE = re.compile(r"TIV of arms exports from (?P<supplier>.+?), (?P<y0>\d{4})-(?P<y1>\d{4})")


def read_tiv_table(path: Path) -> pd.DataFrame:
    """One SIPRI TIV export table -> long rows (supplier, recipient, year, tiv)."""
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows:
        raise ChecksumError(f"{path.name}: empty file")
    match = _TIV_TITLE.search(rows[0][0] if rows[0] else "")
    if not match:
        raise ChecksumError(f"{path.name}: first line is not a SIPRI TIV table title")
    supplier = match["supplier"]
    header_i = next((i for i, r in enumerate(rows) if len(r) > 2 and r[1].strip().isdigit()), None)
    if header_i is None:
        raise ChecksumError(f"{path.name}: no year header row")
    header = rows[header_i]
    year_cols = [(j, int(h)) for j, h in enumerate(header) if h.strip().isdigit()]
    recs = []
    for row in rows[header_i + 1 :]:
        if not row or not row[0].strip() or row[0].strip().lower() == "total":
            continue
        for j, year in year_cols:
            cell = row[j].strip() if j < len(row) else ""
            if cell:
                recs.append((supplier, row[0].strip(), year, float(cell)))
    return pd.DataFrame(recs, columns=["supplier", "recipient", "year", "tiv"])


def parse_sipri_tiv(files: Files) -> Tables:
    """SIPRI TIV tables (one per exporter) and 360info's long table with COW codes."""
    tiv = [read_tiv_table(p) for k, p in sorted(files.items()) if "TIV-Export-" in k]
    processed_path = next(p for k, p in files.items() if k.endswith("sipri-exports-processed_1950-2021.csv"))
    processed = pd.read_csv(processed_path)
    need = {"supplier", "recipient", "year", "value", "supplier_cown", "recipient_cown"}
    if not need <= set(processed.columns):
        raise ChecksumError(f"{processed_path.name}: missing columns {sorted(need - set(processed.columns))}")
    processed = processed[sorted(need, key=list(processed.columns).index)].rename(columns={"value": "tiv"})
    for col in ("supplier_cown", "recipient_cown"):
        processed[col] = pd.to_numeric(processed[col], errors="coerce").astype("Int64")
    return {"sipri_tiv": pd.concat(tiv, ignore_index=True), "sipri_exports_processed": processed}


_MILEX_SHEETS = {
    "Constant (2022) US$": "milex_constant_2022_usd_m",
    "Current US$": "milex_current_usd_m",
    "Share of GDP": "milex_share_gdp",
}


def _milex_sheet(ws) -> pd.DataFrame:
    rows = ws.iter_rows(values_only=True)
    header = None
    for row in rows:
        if row and row[0] == "Country":
            header = row
            break
    if header is None:
        raise ChecksumError("SIPRI milex sheet has no 'Country' header row")
    year_cols = [(j, int(h)) for j, h in enumerate(header) if isinstance(h, (int, float)) and 1900 < h < 2100]
    recs = []
    for row in rows:
        if not row or not isinstance(row[0], str) or not row[0].strip():
            continue
        values = [row[j] if j < len(row) else None for j, _ in year_cols]
        if all(v is None for v in values):
            continue  # region and subregion headings
        for (_, year), v in zip(year_cols, values):
            if isinstance(v, (int, float)):
                recs.append((row[0].strip(), year, float(v)))
    return pd.DataFrame(recs, columns=["country", "year", "value"])


def parse_sipri_milex(files: Files) -> Tables:
    """SIPRI milex workbook -> country, year, constant 2022 US$ m, current US$ m, share of GDP."""
    import openpyxl

    (path,) = files.values()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Workbook contains no default style"
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise ChecksumError(f"{path.name}: not a readable xlsx workbook ({exc}); fetch it again") from None
    merged = None
    for sheet, col in _MILEX_SHEETS.items():
        if sheet not in wb.sheetnames:
            raise ChecksumError(f"{path.name}: no sheet {sheet!r}")
        part = _milex_sheet(wb[sheet]).rename(columns={"value": col})
        merged = part if merged is None else merged.merge(part, on=["country", "year"], how="outer")
    wb.close()
    merged = merged.sort_values(["country", "year"], ignore_index=True)
    merged["year"] = merged["year"].astype(np.int64)
    return {"sipri_milex": merged}


_UN_VOTE_LISTS = {"MS_in_favour": 1, "MS_abstaining": 2, "MS_against": 3}
_UN_FIELDS = ("symbol", "title", "adoption_date", "adoption_type", *_UN_VOTE_LISTS)


def _un_records(path: Path) -> list[dict]:
    """The JSON objects of one UN extract file (one per line); a line that is not one is a bad file."""
    records = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ChecksumError(
                    f"{path.name}: line {number} is not a JSON object ({exc.msg}); the file is truncated or "
                    "corrupted, fetch it again"
                ) from None
            missing = [f for f in _UN_FIELDS if f not in record]
            if missing:
                raise ChecksumError(f"{path.name}: line {number} lacks fields {missing}; not a UN extract file")
            records.append(record)
    if not records:
        raise ChecksumError(f"{path.name}: no resolutions in the file; fetch it again")
    return records


def _un_count(text) -> int:
    """A stated vote count; the extract writes "N.A." where no state voted that way."""
    text = str(text).strip()
    return int(text) if text.isdigit() else 0


def calendar_session(date: pd.Timestamp) -> int:
    """The regular General Assembly session in progress on ``date``: session N opens in September of
    1945 + N (session 76 ran from September 2021 to September 2022)."""
    return date.year - 1945 if date.month >= 9 else date.year - 1946


def parse_un_extract(files: Files) -> Tables:
    """The UN's General Assembly resolution extract (one JSON object per resolution) -> two tables.

    ``un_resolutions``: one row per resolution symbol (repeated records of a symbol are kept once, the
    first; ``copies`` counts them): symbol, ``session_label`` (``"76"``, ``"ES-11"``), ``session`` (the
    regular session; emergency special sessions are placed in the regular session in progress on the
    day, :func:`calendar_session`), date, year, title, adoption_type, the stated counts ``stated_yes``,
    ``stated_no``, ``stated_abstain``, the counts of names listed ``n_yes``, ``n_no``, ``n_abstain``, and
    ``counts_match`` (False where they differ: the names are kept, the mismatch recorded).

    ``un_votes_un``: symbol, ccode (COW, from the UN name via :func:`amity.states.un_member_ccode`; an
    unknown name raises naming it), vote (1 yes, 2 abstain, 3 no), for resolutions adopted by recorded
    vote. A name listed twice under one resolution counts once.
    """
    from amity.states import un_member_ccode

    resolutions, votes, seen = [], [], {}
    for key, path in sorted(files.items()):
        label = Path(key).stem
        for record in _un_records(path):
            symbol = str(record["symbol"]).strip()
            if symbol in seen:
                resolutions[seen[symbol]]["copies"] += 1
                continue
            date = pd.to_datetime(str(record["adoption_date"]).replace("\xa0", " "), errors="coerce")
            if pd.isna(date):
                raise ChecksumError(f"{path.name}: {symbol} has no readable adoption date")
            lists = {field: list(dict.fromkeys(record[field] or [])) for field in _UN_VOTE_LISTS}
            seen[symbol] = len(resolutions)
            listed = {f"n_{k}": len(lists[f]) for k, f in (("yes", "MS_in_favour"), ("no", "MS_against"),
                                                          ("abstain", "MS_abstaining"))}
            stated = {f"stated_{k}": _un_count(record[f"{f}_count"]) for k, f in (
                ("yes", "MS_in_favour"), ("no", "MS_against"), ("abstain", "MS_abstaining"))}
            resolutions.append({
                "symbol": symbol, "session_label": label,
                "session": int(label) if label.isdigit() else calendar_session(date),
                "date": date, "year": date.year, "title": str(record["title"]).strip(),
                "adoption_type": str(record["adoption_type"]).strip(), **stated, **listed,
                "counts_match": all(stated[f"stated_{k}"] == listed[f"n_{k}"] for k in ("yes", "no", "abstain")),
                "copies": 1,
            })
            for field, code in _UN_VOTE_LISTS.items():
                votes += [(symbol, name, code) for name in lists[field]]
    table = pd.DataFrame(resolutions)
    vote_table = pd.DataFrame(votes, columns=["symbol", "name", "vote"])
    codes = un_member_ccode(vote_table["name"])
    vote_table["ccode"] = vote_table["name"].map(codes).astype("int64")
    twice = vote_table.duplicated(["symbol", "ccode"], keep=False)
    if twice.any():  # one state in two lists of one resolution: no way to tell which vote it cast
        bad = vote_table.loc[twice, ["symbol", "name"]].drop_duplicates().head(3).to_string(index=False)
        raise ChecksumError(f"UN extract lists a state under two votes of one resolution:\n{bad}")
    vote_table["vote"] = vote_table["vote"].astype("int8")
    return {"un_resolutions": table, "un_votes_un": vote_table[["symbol", "ccode", "vote"]]}


_ATOP_OBLIGATIONS = ("defense", "offense", "neutral", "nonagg", "consul")


def _atop_csv(path: Path, need: list[str]) -> pd.DataFrame:
    try:
        df = pd.read_csv(path, low_memory=False)
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        raise ChecksumError(f"{path.name}: not a readable CSV file ({exc}); fetch it again") from None
    missing = [c for c in need if c not in df.columns]
    if missing:
        raise ChecksumError(f"{path.name}: missing columns {missing}; not an ATOP 5.1 file")
    return df


def parse_atop_members(files: Files) -> Tables:
    """ATOP 5.1 member- and alliance-level files -> ``atop_members`` and ``atop_treaties``.

    ``atop_members``: atopid, member (COW), yrent, moent, dayent, yrexit (NA while the member is still in:
    ATOP writes 0), moexit, dayexit, phase, and the member's obligations (0/1). ``atop_treaties``: atopid,
    begyr, endyr (NA for alliances in effect at the end of 2018; ATOP writes 0), bilat (1 bilateral), the
    alliance's obligations and ``n_members`` (distinct states ever in it, from the member file).
    """
    member_path = next(p for k, p in files.items() if k.endswith("atop5_1m.csv"))
    treaty_path = next(p for k, p in files.items() if k.endswith("atop5_1a.csv"))
    m_cols = ["atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit", "phase",
              *_ATOP_OBLIGATIONS]
    t_cols = ["atopid", "begyr", "endyr", "bilat", *_ATOP_OBLIGATIONS]
    members = _atop_csv(member_path, m_cols)[m_cols].astype("Int64")
    treaties = _atop_csv(treaty_path, t_cols)[t_cols].astype("Int64")
    for df, cols in ((members, ["yrexit", "moexit", "dayexit"]), (treaties, ["endyr"])):
        df[cols] = df[cols].mask(df[cols].eq(0))  # 0 = "not ended" in ATOP's coding
    n_members = members.groupby("atopid")["member"].nunique().rename("n_members")
    treaties = treaties.merge(n_members, on="atopid", how="left")
    return {"atop_members": members, "atop_treaties": treaties}


_ICEWS_COUNTS = {"verbCoop": "verb_coop", "matlCoop": "matl_coop", "verbConf": "verb_conf", "matlConf": "matl_conf"}


def parse_icews_netify(files: Files) -> Tables:
    """netify's ICEWS directed dyad-years -> ``icews_dyad_years``: ccode1 (source), ccode2 (target), year,
    verb_coop, matl_coop, verb_conf, matl_conf (event counts), iso3_1, iso3_2, name1, name2.

    COW codes come from the ISO3 codes (:func:`amity.states.iso3_to_cow` in the row's year); an ISO3
    code without one is an error naming it, not a dropped row.
    """
    from amity.states import iso3_to_cow

    (path,) = files.values()
    tables = read_rda(path)
    df = tables.get("icews")
    need = ["i", "j", "i_iso3c", "j_iso3c", "year", *_ICEWS_COUNTS]
    if df is None or any(c not in df.columns for c in need):
        raise ChecksumError(f"{path.name}: no data frame 'icews' with columns {need}")
    years = df["year"].astype("int64")
    ccodes = {}
    for side in ("i", "j"):
        keys = pd.MultiIndex.from_arrays([df[f"{side}_iso3c"].astype(str), years])
        pairs = keys.unique()
        lookup = pd.Series([iso3_to_cow(iso, y) for iso, y in pairs], index=pairs, dtype="object")
        unmapped = sorted({iso for (iso, _), c in lookup.items() if c is None})
        if unmapped:
            raise ChecksumError(f"{path.name}: ISO3 codes without a COW code: {', '.join(unmapped)}")
        ccodes[side] = lookup.astype("int64").reindex(keys).to_numpy()
    out = pd.DataFrame({
        "ccode1": ccodes["i"], "ccode2": ccodes["j"], "year": years.to_numpy(),
        **{new: df[old].astype("float64").to_numpy() for old, new in _ICEWS_COUNTS.items()},
        "iso3_1": df["i_iso3c"].astype("string").to_numpy(), "iso3_2": df["j_iso3c"].astype("string").to_numpy(),
        "name1": df["i"].astype("string").to_numpy(), "name2": df["j"].astype("string").to_numpy(),
    })
    return {"icews_dyad_years": out}
