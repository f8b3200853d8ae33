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

bind = [_settings.bind]
workers = _settings.workers
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
