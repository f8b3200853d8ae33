"""The buffering front of `make serve`: nginx on CAMPS_ATLAS_HOST:PORT, gunicorn behind it on a unix socket.

gunicorn's threads read request bodies themselves, so a dozen clients trickling POST bodies held every thread and
/healthz timed out. nginx (serving/nginx.conf) reads every request whole first (10 s per read, 1 MiB at most) and
buffers responses, so slow clients only ever hold an nginx connection.

serving/gunicorn_conf.py starts nginx from gunicorn's master (`on_starting`) and stops it on exit; nginx dies with
the master (PR_SET_PDEATHSIG). CAMPS_ATLAS_FRONT=none serves gunicorn directly (no protection from slow clients).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from serving.security import MAX_CONTENT_LENGTH
from serving.settings import Settings

TEMPLATE = Path(__file__).with_name("nginx.conf")
MODES = ("nginx", "none")


class FrontError(RuntimeError):
    """The front cannot be set up; the message says what to do."""


def mode(env: dict | None = None) -> str:
    env = os.environ if env is None else env
    raw = env.get("CAMPS_ATLAS_FRONT", "").strip().lower() or "nginx"
    if raw not in MODES:
        raise FrontError(f"CAMPS_ATLAS_FRONT={raw!r}: expected nginx (default) or none")
    if raw == "nginx" and not nginx_binary():
        raise FrontError(
            "nginx is not installed (make serve installs it as root: apt-get install nginx-light); "
            "or set CAMPS_ATLAS_FRONT=none to serve without the buffering front"
        )
    return raw


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def workdir(settings: Settings) -> Path:
    """A private folder per port (stable across `kill -HUP`, which re-reads the gunicorn config)."""
    path = Path(tempfile.gettempdir()) / f"camps-atlas-{os.getuid()}-{settings.port}"
    path.mkdir(mode=0o711, exist_ok=True)  # nginx workers (another user when root) reach the socket, list nothing
    path.chmod(0o711)
    if path.stat().st_uid != os.getuid():
        raise FrontError(f"{path} belongs to another user")
    return path


def socket_path(settings: Settings) -> Path:
    return workdir(settings) / "gunicorn.sock"


def config(settings: Settings) -> str:
    """nginx.conf for the settings."""
    values = {
        "@WORKDIR@": str(workdir(settings)),
        "@SOCKET@": str(socket_path(settings)),
        "@LISTEN@": settings.bind,
        "@MAX_BODY@": f"{MAX_CONTENT_LENGTH // 1024}k",
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(key, value)
    return text


def _die_with_parent() -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def start(settings: Settings) -> subprocess.Popen:
    """nginx in the foreground, as a child of the caller (gunicorn's master)."""
    conf = workdir(settings) / "nginx.conf"
    conf.write_text(config(settings), encoding="utf-8")
    binary = nginx_binary()
    if binary is None:
        raise FrontError("nginx is not installed")
    check = subprocess.run([binary, "-t", "-q", "-c", str(conf)], capture_output=True, text=True)
    if check.returncode != 0:
        raise FrontError(f"nginx refused its configuration: {check.stderr.strip()}")
    return subprocess.Popen([binary, "-c", str(conf)], preexec_fn=_die_with_parent)


def clean(settings: Settings) -> None:
    """Remove the front's folder (socket, nginx.conf, temp files) once both servers have stopped."""
    shutil.rmtree(workdir(settings), ignore_errors=True)


def stop(proc: subprocess.Popen | None) -> None:
    """Graceful stop (finish requests), then a hard one after 10 s."""
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGQUIT)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)
