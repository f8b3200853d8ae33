"""Fault tools for the benchmark and the tests: slow clients, latency probes, killing a renderer's Chromium.

Loopback only; every loop is bounded in count and time.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def slow_clients(host: str, port: int, count: int = 12, seconds: float = 8.0) -> Iterator[list[int]]:
    """`count` connections that send POST headers with Content-Length: 100000 and then trickle the body (one byte
    every 0.5 s) for at most `seconds`; yields a one-item list with the number of connections opened."""
    stop = threading.Event()
    opened = [0]

    def trickle() -> None:
        try:
            with socket.create_connection((host, port), timeout=5) as s:
                opened[0] += 1
                s.sendall(
                    b"POST /_dash-update-component HTTP/1.1\r\nHost: " + host.encode() + b"\r\n"
                    b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"
                )
                end = time.monotonic() + seconds
                while not stop.is_set() and time.monotonic() < end:
                    s.sendall(b" ")
                    stop.wait(0.5)
        except OSError:
            pass  # the server may close a client that is too slow: that is the point

    threads = [threading.Thread(target=trickle, daemon=True) for _ in range(count)]
    for t in threads:
        t.start()
    time.sleep(0.5)  # let them connect and start trickling
    try:
        yield opened
    finally:
        stop.set()
        for t in threads:
            t.join(seconds + 6)


def latencies(url: str, count: int = 10, interval: float = 0.3, timeout: float = 5.0) -> list[float | None]:
    """GET url `count` times; seconds per answer (None: no 200 within `timeout`)."""
    out: list[float | None] = []
    for _ in range(count):
        t0 = time.perf_counter()
        try:
            with urllib.request.urlopen(url, timeout=timeout) as r:
                r.read()
                out.append(time.perf_counter() - t0 if r.status == 200 else None)
        except (OSError, urllib.error.URLError):
            out.append(None)
        time.sleep(interval)
    return out


def _proc_table() -> dict[int, tuple[int, str]]:
    table = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if fields[0] != "Z":
                    cmd = (entry / "cmdline").read_bytes().split(b"\0")[0].decode(errors="replace")
                    table[int(entry.name)] = (int(fields[1]), cmd)
    return table


def descendants(pid: int) -> dict[int, str]:
    """Living processes below pid: pid -> command."""
    table = _proc_table()
    found: dict[int, str] = {}
    frontier = {pid}
    while frontier:
        frontier = {p for p, (parent, _) in table.items() if parent in frontier and p not in found}
        found.update({p: table[p][1] for p in frontier})
    return found


def kill_chromium_below(pid: int) -> int:
    """SIGKILL every chromium below pid (e.g. a gunicorn master); how many were killed."""
    killed = 0
    for child, cmd in descendants(pid).items():
        if "chromium" in os.path.basename(cmd) or cmd.endswith("/chromium"):
            with contextlib.suppress(OSError):
                os.kill(child, signal.SIGKILL)
                killed += 1
    return killed


def pages_below(pid: int) -> dict[int, int]:
    """Chromium's page processes (`--type=renderer`) below pid: pid -> CPU time so far, in clock ticks."""
    out = {}
    for child in descendants(pid):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if b"--type=renderer" in Path(f"/proc/{child}/cmdline").read_bytes():
                fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
                out[child] = int(fields[11]) + int(fields[12])  # utime + stime
    return out


def kill_pages_when_drawing(pid: int, within: float = 10.0) -> int:
    """Wait (at most `within` s) until a page process below pid uses the CPU (a render under way), then SIGKILL
    every page process below pid; how many were killed (0: no page drew in time)."""
    before, end = pages_below(pid), time.monotonic() + within
    while time.monotonic() < end:
        time.sleep(0.05)
        now = pages_below(pid)
        if any(now[p] - before.get(p, now[p]) >= 2 for p in now):  # ≥ 20 ms of CPU in 50 ms
            for page in now:
                with contextlib.suppress(OSError):
                    os.kill(page, signal.SIGKILL)
            return len(now)
        before = now
    return 0


def workers_of(master: int) -> list[int]:
    """A gunicorn master's worker processes (its direct children that run gunicorn), by pid."""
    out = []
    for pid, (parent, _) in _proc_table().items():
        with contextlib.suppress(OSError):
            if parent == master and b"gunicorn" in Path(f"/proc/{pid}/cmdline").read_bytes():
                out.append(pid)
    return sorted(out)


def rss_mb(pid: int) -> float:
    """Resident memory of one process, in MB (0 when it is gone)."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0
