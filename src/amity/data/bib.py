"""The references amity cites: one BibTeX file, rendered as plain author-date citations.

``references.bib`` (beside this module) holds every work; :mod:`amity.data.registry` names entries by key.
pybtex parses the file (names, braces, ``and others``); :func:`plain` renders one entry in the author-date
style the rest of amity prints, e.g.::

    Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and Andrew G. Long. 2002. "Alliance
    Treaty Obligations and Provisions, 1815-1944." International Interactions 28: 237-260.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from amity.errors import UnknownOptionError


@cache
def _text() -> str:
    return resources.files("amity.data").joinpath("references.bib").read_text(encoding="utf-8")


@cache
def _entries():
    from pybtex.database import parse_string

    return parse_string(_text(), "bibtex").entries


@cache
def _raw_blocks() -> dict[str, str]:
    """key -> the entry exactly as written in references.bib (for ``amity data cite --bibtex``)."""
    blocks = re.split(r"(?m)^(?=@)", _text())
    return {m[1]: block.strip() for block in blocks if (m := re.match(r"@\w+\{([^,\s]+),", block))}


def _entry(key: str):
    try:
        return _entries()[key]
    except KeyError:
        raise UnknownOptionError("reference", key, list(_entries())) from None


def _plain(text: str) -> str:
    """TeX text as plain text: drop grouping braces, ``--`` ranges as ``-``, one space between words."""
    return " ".join(text.replace("{", "").replace("}", "").replace("--", "-").split())


def _names(persons) -> str:
    """``Last, First`` for the first author, ``First Last`` after; ``and others`` as ``et al.``."""
    people = [p for p in persons if str(p) != "others"]
    others = len(people) < len(persons)
    parts = []
    for i, p in enumerate(people):
        last = " ".join(p.prelast_names + p.last_names)
        first = " ".join(p.first_names + p.middle_names)
        parts.append(_plain(f"{last}, {first}" if i == 0 and first else f"{first} {last}" if first else last))
    if others:
        parts.append("et al.")
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + (", " if others else ", and ") + parts[-1]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "?", "!")) else text + "."


def plain(key: str) -> str:
    """One reference as a plain-text author-date citation."""
    e = _entry(key)
    f = {k: _plain(v) for k, v in e.fields.items()}
    out = []
    if "author" in e.persons:
        out.append(_sentence(_names(e.persons["author"])))
    if "year" in f:
        out.append(f["year"] + ".")
    title = _sentence(f.get("title", ""))
    out.append(title if e.type == "book" else f'"{title}"')
    pages = f.get("pages")
    if e.type == "article":
        issue = f.get("volume", "") + (f"({f['number']})" if "number" in f else "")
        out.append(_sentence(f"{f.get('journal', '')} {issue}".strip() + (f": {pages}" if pages else "")))
    elif e.type == "incollection":
        eds = e.persons.get("editor")
        editor = f"{_editors(eds)} (ed.), " if eds else ""
        out.append(_sentence(f"In {editor}{f.get('booktitle', '')}" + (f", {pages}" if pages else "")))
    elif e.type == "inproceedings":
        out.append(_sentence(f.get("booktitle", "") + (f": {pages}" if pages else "")))
    if e.type in ("book", "incollection") and "publisher" in f:
        out.append(_sentence(": ".join(f[k] for k in ("address", "publisher") if k in f)))  # Address: Publisher.
    elif "publisher" in f or "howpublished" in f:
        out.append(_sentence(", ".join(f[k] for k in ("publisher", "howpublished") if k in f)))
    if "note" in f:
        out.append(_sentence(f["note"]))
    return " ".join(x for x in out if x)


def _editors(persons) -> str:
    return " and ".join(_plain(" ".join(p.first_names + p.middle_names + p.prelast_names + p.last_names))
                        for p in persons)


def bibtex(key: str) -> str:
    """One reference as written in references.bib."""
    _entry(key)  # unknown keys list the valid ones
    return _raw_blocks()[key]
