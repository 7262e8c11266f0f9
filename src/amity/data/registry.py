"""The registry of data sources amity knows: what each is, where its files live, how to cite it.

The sources are data, not code: ``sources.toml`` (beside this module) declares each one — files pinned to a
public URL at a fixed commit, like pooch's registry, the parser that reads them, the tables it yields, the
years it covers — ``sha256.txt`` pins every file's content, and ``references.bib`` holds the works cited,
rendered as plain citations by :mod:`amity.data.bib`. Adding a source is a TOML table, a parser and sha256
lines (docs/data.md).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module, resources

from amity.errors import UnknownOptionError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

RAW = "https://raw.githubusercontent.com"


@cache
def _hashes() -> dict[str, str]:
    """Mirror-relative path -> sha256 for every pinned file (``sha256.txt`` beside this module)."""
    text = resources.files("amity.data").joinpath("sha256.txt").read_text()
    out = {}
    for line in text.splitlines():
        if line.strip():
            digest, path = line.split(maxsplit=1)
            out[path.strip()] = digest
    return out


@dataclass(frozen=True)
class DataFile:
    """One pinned file: where it sits in a mirror, its public URL, and its sha256."""

    path: str
    url: str
    sha256: str


@dataclass(frozen=True)
class Source:
    """A named dataset: its files, the tables parsed from them, the years they cover, and how to cite it.

    ``citation`` (plain text) and ``bibtex`` are rendered from ``references`` (keys in references.bib),
    followed by ``via``, the work that distributes the data when that is not its producer.
    """

    name: str
    title: str
    version: str
    description: str
    terms: str
    files: tuple[DataFile, ...]
    parser: str | None  # "name" in amity.data.parsers or "package.module:name"; None for raw files only
    tables: tuple[str, ...] = ()
    coverage: tuple[int, int] | None = None
    homepage: str = ""
    references: tuple[str, ...] = ()
    via: str | None = None
    on_demand: bool = False  # fetched only when named (a large corpus no measure needs), never by a bare fetch

    @property
    def citation(self) -> str:
        from amity.data import bib

        text = " ".join(bib.plain(k) for k in self.references)
        return f"{text} Via {bib.plain(self.via)}" if self.via else text

    @property
    def bibtex(self) -> str:
        from amity.data import bib

        return "\n\n".join(bib.bibtex(k) for k in (*self.references, *([self.via] if self.via else [])))

    def parse_function(self) -> Callable:
        """The parser the source names: ``{mirror path: local path}`` -> ``{table: DataFrame}``."""
        module, _, name = self.parser.rpartition(":") if ":" in self.parser else ("amity.data.parsers", "", self.parser)
        return getattr(import_module(module), name)

    def file(self, suffix: str) -> DataFile:
        """The file of this source whose mirror path ends with ``suffix``."""
        for f in self.files:
            if f.path.endswith(suffix):
                return f
        raise UnknownOptionError(f"{self.name} file", suffix, [f.path for f in self.files])


def _files(entry: dict, repos: dict[str, dict]) -> list[DataFile]:
    """The DataFiles one ``files`` entry of sources.toml stands for (see the comment atop that file)."""
    repo = repos[entry["repo"]]
    base = f"{RAW}/{repo['repo']}/{repo['commit']}"
    if "manifest" in entry:
        return _manifest(entry["manifest"], base, entry["to"])
    hashes = _hashes()
    if "remote" in entry:
        return [DataFile(entry["path"], f"{base}/{entry['remote']}", hashes[entry["path"]])]
    local = entry["to"]
    names = entry.get("names") or sorted(
        p[len(local) + 1:] for p in hashes if p.startswith(local + "/") and "/" not in p[len(local) + 1:]
    )
    out = []
    for name in names:
        folder = entry["from"].format(name=name)
        path = f"{local}/{name}"
        out.append(DataFile(path, f"{base}/{folder}/{name}" if folder else f"{base}/{name}", hashes[path]))
    return out


def _manifest(name: str, base: str, local: str) -> list[DataFile]:
    """Files listed in a gzip'd manifest beside this module (``path in repository<TAB>sha256`` per line,
    ``#`` comments), for corpora too large for sha256.txt; names are URL-quoted (some hold ``%``)."""
    import gzip
    from urllib.parse import quote

    text = gzip.decompress(resources.files("amity.data").joinpath(name).read_bytes()).decode("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return [DataFile(f"{local}/{path}", f"{base}/{quote(path)}", digest) for path, digest in rows]


def _load() -> dict[str, Source]:
    data = tomllib.loads(resources.files("amity.data").joinpath("sources.toml").read_text(encoding="utf-8"))
    repos = data["repos"]
    out = {}
    for name, s in data["sources"].items():
        files = tuple(f for entry in s["files"] for f in _files(entry, repos))
        out[name] = Source(
            name=name, title=s["title"], version=s["version"], description=s["description"], terms=s["terms"],
            files=files, parser=s.get("parser"), tables=tuple(s.get("tables", ())),
            coverage=tuple(s["coverage"]) if "coverage" in s else None, homepage=s.get("homepage", ""),
            references=tuple(s.get("references", ())), via=s.get("via"), on_demand=s.get("on_demand", False),
        )
    return out


SOURCES: dict[str, Source] = _load()

def get_source(name: str) -> Source:
    """The registered source called ``name``; unknown names list the valid ones."""
    try:
        return SOURCES[name]
    except KeyError:
        raise UnknownOptionError("source", name, list(SOURCES)) from None


def table_source(table: str) -> Source:
    """The source whose parser produces ``table``."""
    for source in SOURCES.values():
        if table in source.tables:
            return source
    valid = [t for s in SOURCES.values() for t in s.tables]
    raise UnknownOptionError("table", table, valid)


def coverage(*names: str) -> tuple[int, int]:
    """First and last year the named sources cover between them (each source's ``coverage`` in sources.toml)."""
    spans = [get_source(n).coverage for n in names]
    if any(span is None for span in spans):
        raise ValueError(f"a source among {names} declares no coverage")
    return min(lo for lo, _ in spans), max(hi for _, hi in spans)
