"""Starting and stopping the real servers on loopback: redis-server and gunicorn (app:server), each on a free port.

Used by `make bench` and by tests/unit/test_serving_redis.py. Every process is started here and stopped by its own
pid (its process group for gunicorn, whose workers are its children); nothing else is touched.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REDIS_MISSING = (
    "redis-server not found: the shared-cache test and the benchmark start a real Redis (Debian package "
    "redis-server). Run `make test` (or `make bench`), which installs it when root, or `sudo apt-get install -y "
    "redis-server`."
)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(check, timeout: float, what: str, proc: subprocess.Popen, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            raise RuntimeError(f"{what} exited with {proc.returncode} before it was ready\n{tail}")
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.1)
    tail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
    raise RuntimeError(f"{what} not ready after {timeout:.0f} s\n{tail}")


def _stop(proc: subprocess.Popen, group: bool) -> None:
    if proc.poll() is not None:
        return
    try:
        if group:
            os.killpg(proc.pid, signal.SIGTERM)
        else:
            proc.terminate()
        proc.wait(timeout=15)
    except (subprocess.TimeoutExpired, ProcessLookupError):
        try:
            if group:
                os.killpg(proc.pid, signal.SIGKILL)
            else:
                proc.kill()
        except ProcessLookupError:
            pass
        proc.wait(timeout=5)


def snapshot(target: Path) -> Path:
    """A copy of the work tree's files (tracked and untracked, not ignored) in target: the servers run from it, so
    edits made to the work tree while a benchmark runs cannot give two workers different code."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for raw in filter(None, listed):
        rel = raw.decode()
        src = REPO / rel
        if src.is_file():
            dst = target / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    return target


def redis_ping(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
        s.sendall(b"PING\r\n")
        return s.recv(64).startswith(b"+PONG")


@contextmanager
def redis_server(workdir: Path) -> Iterator[str]:
    """A throwaway redis-server on a free loopback port (no persistence); yields its URL (db 0)."""
    binary = shutil.which("redis-server")
    if not binary:
        raise FileNotFoundError(REDIS_MISSING)
    port = free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    log = workdir / "redis.log"
    args = [
        binary,
        "--port", str(port),
        "--bind", "127.0.0.1",
        "--dir", str(workdir),
        "--save", "",
        "--appendonly", "no",
        "--protected-mode", "yes",
        "--daemonize", "no",
        "--logfile", str(log),
        "--maxmemory", "256mb",
        "--maxmemory-policy", "allkeys-lru",
    ]  # fmt: skip
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        _wait(lambda: redis_ping(port), 15, "redis-server", proc, log)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        _stop(proc, group=False)


def http_ok(url: str) -> bool:
    with urllib.request.urlopen(url, timeout=2) as r:
        return r.status == 200


@contextmanager
def gunicorn(
    workdir: Path,
    workers: int = 2,
    cache_url: str | None = None,
    bench: bool = False,
    extra_env: dict[str, str] | None = None,
    timeout: float = 90,
    root: Path = REPO,
    app_spec: str = "app:server",
) -> Iterator[str]:
    """gunicorn -c serving/gunicorn_conf.py app:server (or another WSGI app with a /healthz, e.g. the browser
    benchmark's baseline page) on a free loopback port, from `root` (the repository or a snapshot of it); yields the
    base URL once /healthz answers and every worker has booted."""
    port = free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    log = workdir / f"gunicorn-{port}.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAMPS_ATLAS_") or k == "CAMPS_ATLAS_DATA_DIR"}
    env.update(
        CAMPS_ATLAS_HOST="127.0.0.1",
        CAMPS_ATLAS_PORT=str(port),
        CAMPS_ATLAS_WORKERS=str(workers),
        PYTHONUNBUFFERED="1",
    )
    if cache_url:
        env["CAMPS_ATLAS_CACHE_URL"] = cache_url
    if bench:
        env["CAMPS_ATLAS_BENCH"] = "1"
    env.update(extra_env or {})
    gunicorn_bin = Path(sys.executable).with_name("gunicorn")
    cmd = [str(gunicorn_bin), "-c", str(root / "serving" / "gunicorn_conf.py"), "--chdir", str(root), app_spec]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(lambda: http_ok(base + "/healthz"), timeout, "gunicorn", proc, log)
        # The master imports the app (preload_app) and forks: wait until the log shows every worker booted.
        _wait(
            lambda: log.read_text(errors="replace").count("Booting worker") >= workers,
            timeout,
            "gunicorn workers",
            proc,
            log,
        )
        yield base
    finally:
        _stop(proc, group=True)
