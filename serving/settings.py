"""Serving settings from environment variables, validated once, with an error that names the variable and the fix.

| variable               | default     | meaning                                                             |
| ---------------------- | ----------- | ------------------------------------------------------------------- |
| CAMPS_ATLAS_HOST       | 127.0.0.1   | address gunicorn binds (0.0.0.0 behind a load balancer)             |
| CAMPS_ATLAS_PORT       | 8050        | TCP port, 1-65535                                                   |
| CAMPS_ATLAS_WORKERS    | 2           | gunicorn worker processes, 1-64                                     |
| CAMPS_ATLAS_CACHE_URL  | (empty)     | redis://host:port/db (or rediss://): a figure cache shared by all   |
|                        |             | workers and machines; empty: an in-process cache per worker         |
| CAMPS_ATLAS_BENCH      | (empty)     | 1: add the benchmark's no-op callback (only `make bench` sets it)   |
| CAMPS_ATLAS_EMBED_ANCESTORS | *      | sites that may frame /embed/… (space-separated CSP sources, e.g.    |
|                        |             | `https://example.org https://*.example.net`); the dashboard itself  |
|                        |             | is never framed                                                     |
| CAMPS_ATLAS_PUBLIC_URL | (bound)     | the address readers use, e.g. https://atlas.example.org/ : the base |
|                        |             | of every absolute link (embeds, image captions, the report). The    |
|                        |             | request's Host header is never used. Default: http://HOST:PORT/     |
|                        |             | (the machine's host name when HOST is 0.0.0.0 or ::)                |
"""

from __future__ import annotations

import ipaddress
import os
import re
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

PREFIX = "CAMPS_ATLAS_"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050
DEFAULT_WORKERS = 2
MAX_WORKERS = 64
CACHE_SCHEMES = ("redis", "rediss")
DEFAULT_EMBED_ANCESTORS = ("*",)
# A CSP host source: * | 'self' | scheme://host[:port] with an optional leading "*." on the host.
_ANCESTOR = re.compile(r"^(\*|'self'|https?://(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?)$")


class SettingsError(ValueError):
    """An environment variable has a value the app cannot use; the message names it and says what is expected."""


@dataclass(frozen=True)
class Settings:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    workers: int = DEFAULT_WORKERS
    cache_url: str | None = None
    bench: bool = False
    embed_ancestors: tuple[str, ...] = DEFAULT_EMBED_ANCESTORS
    public_url: str = f"http://{DEFAULT_HOST}:{DEFAULT_PORT}/"

    @property
    def bind(self) -> str:
        """gunicorn's --bind value (IPv6 addresses in brackets)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(PREFIX + name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{PREFIX}{name}={raw!r} is not a whole number (expected {low}-{high})") from None
    if not low <= value <= high:
        raise SettingsError(f"{PREFIX}{name}={value} is out of range (expected {low}-{high})")
    return value


def _host(env: Mapping[str, str]) -> str:
    raw = env.get(PREFIX + "HOST", "").strip()
    if not raw:
        return DEFAULT_HOST
    try:
        return str(ipaddress.ip_address(raw.strip("[]")))
    except ValueError:
        pass
    labels = raw.split(".")
    if len(raw) <= 253 and all(
        label and len(label) <= 63 and label.replace("-", "").isalnum() and not label.startswith("-")
        for label in labels
    ):
        return raw
    raise SettingsError(
        f"{PREFIX}HOST={raw!r} is neither an IP address nor a host name (e.g. 127.0.0.1, 0.0.0.0, localhost)"
    )


def _cache_url(env: Mapping[str, str]) -> str | None:
    raw = env.get(PREFIX + "CACHE_URL", "").strip()
    if not raw:
        return None
    example = "e.g. redis://127.0.0.1:6379/0"
    parts = urlsplit(raw)
    if parts.scheme not in CACHE_SCHEMES:
        raise SettingsError(f"{PREFIX}CACHE_URL={raw!r}: the scheme must be redis:// or rediss:// ({example})")
    try:
        port = parts.port
    except ValueError:
        raise SettingsError(f"{PREFIX}CACHE_URL={raw!r}: the port is not a number in 1-65535 ({example})") from None
    if not parts.hostname:
        raise SettingsError(f"{PREFIX}CACHE_URL={raw!r}: no host ({example})")
    if port == 0:
        raise SettingsError(f"{PREFIX}CACHE_URL={raw!r}: port 0 is not a usable port ({example})")
    db = parts.path.lstrip("/")
    if db and not (db.isdigit() and int(db) <= 15):
        raise SettingsError(f"{PREFIX}CACHE_URL={raw!r}: the database must be a number 0-15 after the / ({example})")
    return raw


def _flag(env: Mapping[str, str], name: str) -> bool:
    raw = env.get(PREFIX + name, "").strip().lower()
    if raw in ("", "0", "false", "no", "off"):
        return False
    if raw in ("1", "true", "yes", "on"):
        return True
    raise SettingsError(f"{PREFIX}{name}={raw!r} is not a flag (expected 1 or 0)")


def _ancestors(env: Mapping[str, str]) -> tuple[str, ...]:
    raw = env.get(PREFIX + "EMBED_ANCESTORS", "").strip()
    if not raw:
        return DEFAULT_EMBED_ANCESTORS
    sources = tuple(raw.replace(",", " ").split())
    bad = [s for s in sources if not _ANCESTOR.match(s)]
    if bad:
        raise SettingsError(
            f"{PREFIX}EMBED_ANCESTORS: {' '.join(bad)!r} is not a site (expected space-separated sources such as "
            "https://example.org https://*.example.net 'self', or * for any site)"
        )
    return sources


def _public_url(env: Mapping[str, str], host: str, port: int) -> str:
    """The app's root URL as readers reach it, ending in "/"; by default the bound address."""
    raw = env.get(PREFIX + "PUBLIC_URL", "").strip()
    if not raw:
        if host in ("0.0.0.0", "::"):  # (as _host writes them) no address a reader can open: the host name
            host = socket.gethostname() or DEFAULT_HOST  # (no DNS asked)
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"
    example = "e.g. https://atlas.example.org/ or http://10.0.0.5:8050/atlas/"
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https"):
        raise SettingsError(f"{PREFIX}PUBLIC_URL={raw!r}: the scheme must be http:// or https:// ({example})")
    try:
        parts.port  # noqa: B018  (raises on a bad port)
    except ValueError:
        raise SettingsError(f"{PREFIX}PUBLIC_URL={raw!r}: the port is not a number in 1-65535 ({example})") from None
    if not parts.hostname or parts.username is not None or parts.password is not None:
        raise SettingsError(f"{PREFIX}PUBLIC_URL={raw!r}: expected scheme://host[:port][/path] ({example})")
    if parts.query or parts.fragment or any(c.isspace() or c in '<>"' for c in raw):
        raise SettingsError(f"{PREFIX}PUBLIC_URL={raw!r}: no query, fragment, spaces or quotes ({example})")
    return parts._replace(path=parts.path.rstrip("/") + "/").geturl()


def from_env(env: Mapping[str, str] | None = None) -> Settings:
    """Settings from the environment (or a given mapping); SettingsError names the first bad variable."""
    env = os.environ if env is None else env
    host, port = _host(env), _int(env, "PORT", DEFAULT_PORT, 1, 65535)
    return Settings(
        host=host,
        port=port,
        workers=_int(env, "WORKERS", DEFAULT_WORKERS, 1, MAX_WORKERS),
        cache_url=_cache_url(env),
        bench=_flag(env, "BENCH"),
        embed_ancestors=_ancestors(env),
        public_url=_public_url(env, host, port),
    )


def redacted(url: str | None) -> str:
    """A cache URL fit for a log line (any password replaced)."""
    if not url:
        return "in-process"
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return parts._replace(netloc=netloc).geturl()
    return url


if __name__ == "__main__":  # `python -m serving.settings`: check the environment, print the settings
    import sys

    try:
        s = from_env()
    except SettingsError as err:
        sys.exit(f"Camps Atlas settings: {err}")
    print(f"bind={s.bind} public={s.public_url} workers={s.workers} cache={redacted(s.cache_url)} bench={s.bench}")
