"""Benchmark: `amity serve` under load on loopback, against calling the same functions in-process.

1. Starts ``amity serve`` (uvicorn, one process) on a free loopback port with a warm store.
2. Cold: the first request of each of the mix's URLs (the server computes and caches the result).
3. Load: ``CLIENTS`` concurrent asyncio clients (httpx) send ``/api/similarity`` and ``/api/convergence``
   requests over six dyads until ``REQUESTS`` have been answered or ``DURATION`` seconds have passed,
   whichever is first; prints p50/p95/p99 latency, throughput, error rate and the server's peak memory.
4. Baseline, same run: the same calls made directly in Python (``amity.similarity``,
   ``amity.convergence_summary``), one after another in this process after the server has stopped (it
   holds the store) — what a notebook user pays per call without the server's cache.

Bounded: it stops by itself and talks only to 127.0.0.1.

    AMITY_DATA_MIRROR=../shared/data AMITY_HOME=/tmp/amity-bench .venv/bin/python benchmarks/bench_web.py
"""

from __future__ import annotations

import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import REPO, bench_env  # noqa: E402

CLIENTS = 32
REQUESTS = 4000
DURATION = 30.0
YEARS = "1991-2024"
DYADS = [("USA", "IND"), ("USA", "PAK"), ("IND", "PAK"), ("CHN", "IND"), ("USA", "CHN"), ("RUS", "USA")]
MIX = [("/api/similarity", {"a": a, "b": b, "years": YEARS}) for a, b in DYADS] + [
    ("/api/convergence", {"a": a, "b": b, "years": YEARS}) for a, b in DYADS]


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def summary(name: str, lat_s: list[float], wall: float, errors: int, total: int) -> str:
    ms = [x * 1000 for x in lat_s]
    return (f"{name:<34}{pct(ms, 50):>9.1f}{pct(ms, 95):>9.1f}{pct(ms, 99):>9.1f}{max(ms):>9.1f}"
            f"{total / wall:>10.1f}{errors / max(total, 1):>9.2%}{total:>8}")


def start_server(env: dict) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "amity", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    import httpx

    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if httpx.get(base + "/api/states?q=India", timeout=2).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("the server did not start")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used (from /proc): its own work, whatever else runs."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def load(base: str) -> tuple[list[float], int, int, float]:
    import httpx

    latencies: list[float] = []
    errors = 0
    sent = 0
    rng = random.Random(12)
    stop_at = time.perf_counter() + DURATION
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)

    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        async def worker() -> None:
            nonlocal errors, sent
            while sent < REQUESTS and time.perf_counter() < stop_at:
                sent += 1
                path, params = rng.choice(MIX)
                t0 = time.perf_counter()
                try:
                    r = await client.get(path, params=params)
                    ok = r.status_code == 200 and r.json()["data"]
                except (httpx.HTTPError, ValueError):
                    ok = False
                latencies.append(time.perf_counter() - t0)
                errors += not ok

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(CLIENTS)))
        wall = time.perf_counter() - t0
    return latencies, errors, len(latencies), wall


def cold(base: str) -> list[float]:
    import httpx

    out = []
    for path, params in MIX:
        t0 = time.perf_counter()
        r = httpx.get(base + path, params=params, timeout=600)
        r.raise_for_status()
        out.append(time.perf_counter() - t0)
    return out


def baseline() -> tuple[list[float], float]:
    """The mix called directly, one after another, twice; the second pass is timed (process warm)."""
    import amity

    def call(path: str, params: dict):
        if path == "/api/similarity":
            return amity.similarity(params["a"], params["b"], years=params["years"])
        return amity.convergence_summary(params["a"], params["b"], years=params["years"])

    for path, params in MIX:
        call(path, params)
    lat = []
    t0 = time.perf_counter()
    for path, params in MIX:
        t = time.perf_counter()
        call(path, params)
        lat.append(time.perf_counter() - t)
    return lat, time.perf_counter() - t0


def main() -> None:
    env = bench_env()
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("AMITY_TOKEN", None)
    os.environ.update({k: env[k] for k in ("AMITY_HOME", "AMITY_DATA_MIRROR")})
    proc, base = start_server(env)
    try:
        first = cold(base)
        cpu0, load_avg = cpu_seconds(proc.pid), os.getloadavg()[0]
        lat, errors, total, wall = asyncio.run(load(base))
        cpu_ms = (cpu_seconds(proc.pid) - cpu0) * 1000 / max(total, 1)
        rss = peak_rss_mib(proc.pid)
    finally:
        proc.terminate()
        proc.wait(15)
    base_lat, base_wall = baseline()
    print(f"amity serve on loopback: {CLIENTS} concurrent clients, at most {REQUESTS} requests or {DURATION:g} s; "
          f"mix of {len(MIX)} URLs (similarity and convergence summary, 6 dyads, {YEARS})")
    print(f"{'':<34}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'req/s':>10}{'errors':>9}{'n':>8}")
    print(summary("HTTP, warm (cached) under load", lat, wall, errors, total))
    print(summary("HTTP, first request of each URL", first, sum(first), 0, len(first)))
    print(summary("in-process functions, no cache", base_lat, base_wall, 0, len(base_lat)))
    ratio = (len(base_lat) / base_wall) and (total / wall) / (len(base_lat) / base_wall)
    print(f"throughput ratio, HTTP under load vs in-process calls: {ratio:.0f}x; "
          f"p99 {pct([x * 1000 for x in lat], 99):.0f} ms (goal < 200 ms), errors {errors}; "
          f"server peak RSS {rss:.0f} MiB")
    print(f"server CPU per warm request {cpu_ms:.2f} ms (capacity ~{1000 / cpu_ms:.0f} req/s per free core); "
          f"load average when the load began {load_avg:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
