"""gunicorn's settings for interviewprep (`gunicorn -c gunicorn.conf.py interviewprep.wsgi`).
Each can be overridden from the environment, for a machine that differs from the usual."""

import os

from interviewprep.env import env_int, env_str

# gunicorn's docs suggest (2 x cores) + 1 sync workers: while one waits on the database another
# runs. The cores this process may use, not the machine's (a container may get fewer).
workers = env_int("WEB_CONCURRENCY", 2 * len(os.sched_getaffinity(0)) + 1)
bind = env_str("GUNICORN_BIND", "0.0.0.0:8000")
# A worker silent this long (a request stuck on a lock) is killed and replaced.
timeout = env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Behind a proxy that reuses connections; a little longer than none, much shorter than its own.
keepalive = env_int("GUNICORN_KEEPALIVE", 5)
# A worker is replaced after this many requests (plus jitter, so they do not all restart at
# once): whatever a long-lived process accumulates is given back.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = env_int("GUNICORN_MAX_REQUESTS_JITTER", 200)

# Access log on stdout: the combined format plus the time taken in milliseconds.
accesslog = env_str("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
errorlog = "-"
