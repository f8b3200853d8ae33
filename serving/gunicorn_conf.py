"""gunicorn settings from CAMPS_ATLAS_* (serving.settings): `gunicorn -c serving/gunicorn_conf.py app:server`."""

import sys

sys.path.insert(0, __file__.rsplit("/serving/", 1)[0])  # the repository root, so `serving` imports

from serving.settings import SettingsError, from_env

try:
    _settings = from_env()
except SettingsError as err:
    sys.exit(f"Camps Atlas settings: {err}")


def _check_data() -> None:
    """Validate the data files once, in the master, before any port is bound: a broken file stops the server here
    with the message (file, line, column) instead of every worker failing to boot, over and over."""
    import os
    from pathlib import Path

    from data.load import DATA_DIR, DATA_DIR_ENV, DataError, load_bundle

    try:
        load_bundle(Path(os.environ.get(DATA_DIR_ENV) or DATA_DIR))  # not default_bundle: no copy cached in the master
    except DataError as err:
        sys.exit(f"Camps Atlas cannot start: {err}")


_check_data()

# A buffering front (serving/front.py): nginx on the configured address, gunicorn behind it on a unix socket.
from serving import front  # noqa: E402

try:
    _front = front.mode()
except front.FrontError as err:
    sys.exit(f"Camps Atlas: {err}")
bind = [f"unix:{front.socket_path(_settings)}"] if _front == "nginx" else [_settings.bind]
_nginx = []  # the nginx process, started by on_starting (once; a reload keeps it)
workers = _settings.workers
# The app is imported once, in the master, and forked: workers start at once, so `kill -HUP` (new workers, then the
# old ones finish their requests) leaves no gap in which nobody accepts; without it the new workers spent ~10 s
# importing while the old ones were already stopped. A HUP therefore keeps the code: restart to deploy new code.
preload_app = True
worker_class = "gthread"  # threads: keep-alive, and a slow client does not hold a whole worker
threads = 4
timeout = 60
graceful_timeout = 20
keepalive = 5
accesslog = None  # put "-" here (or pass --access-logfile -) to log every request
errorlog = "-"
loglevel = "info"
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
proc_name = "camps-atlas"
control_socket_disable = True  # gunicorn 27: no shared ~/.gunicorn/gunicorn.ctl (several instances may run)


def post_worker_init(worker):
    """Run Dash's first-request setup before this worker takes any request.

    Dash moves the callbacks registered with dash.callback into app.callback_map on the first request, but marks
    that setup as done before it has finished; with threads, a second first request can run meanwhile and find no
    callback ("no such callback", or a KeyError in Dash). One request through the app here settles it.
    """
    response = worker.wsgi.test_client().get("/healthz")
    if response.status_code != 200:
        raise RuntimeError(f"/healthz answered {response.status_code} during worker start")


def on_starting(server):
    """Start nginx (the front) before gunicorn's workers; it forwards to the unix socket once that is bound."""
    if _front == "nginx" and not _nginx:
        try:
            _nginx.append(front.start(_settings))
        except front.FrontError as err:
            sys.exit(f"Camps Atlas: {err}")
        server.log.info("buffering front: nginx on %s -> %s", _settings.bind, bind[0])


def on_exit(server):
    for proc in _nginx:
        front.stop(proc)
    if _front == "nginx":
        front.clean(_settings)
