"""The web app's result cache: bounded, computes each key once, and hands evicted values to a cleanup."""

from __future__ import annotations

from amity.web.responses import Memo


def test_memo_computes_each_key_once_and_evicts_the_least_recently_used():
    calls: list[str] = []
    evicted: list[str] = []
    memo = Memo(size=2, on_evict=evicted.append)

    def compute(key: str):
        return lambda: calls.append(key) or key.upper()

    assert memo.get("a", compute("a")) == "A"
    assert memo.get("b", compute("b")) == "B"
    assert memo.get("a", compute("a")) == "A"  # a hit: not computed again, and now the most recent
    assert memo.get("c", compute("c")) == "C"  # over the bound: "b" (least recent) goes
    assert calls == ["a", "b", "c"]
    assert evicted == ["B"]
    assert memo.peek("b") is None and memo.peek("a") == "A"


def test_an_evicted_report_folder_is_deleted(tmp_path):
    """The server's report cache (``Reports``) evicts with ``remove_folder``: a long-running server keeps at
    most ``size`` report folders on disk."""
    from amity.web.reports import remove_folder

    memo = Memo(size=1, on_evict=remove_folder)

    def write(name: str):
        def make():
            folder = tmp_path / name
            folder.mkdir()
            (folder / "index.html").write_text("<p>report</p>")
            return name, folder
        return make

    first = memo.get("first", write("first"))[1]
    second = memo.get("second", write("second"))[1]
    assert not first.exists() and (second / "index.html").exists()
