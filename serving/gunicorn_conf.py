"""gunicorn settings from CAMPS_ATLAS_* (serving.settings): `gunicorn -c serving/gunicorn_conf.py app:server`."""

import sys

sys.path.insert(0, __file__.rsplit("/serving/", 1)[0])  # the repository root, so `serving` imports

from serving.settings import SettingsError, from_env

try:
    _settings = from_env()
except SettingsError as err:
    sys.exit(f"Camps Atlas settings: {err}")

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
