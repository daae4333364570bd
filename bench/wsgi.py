"""The benchmark's WSGI application: the app (with bench.urls), except /bench/raw/, which goes to
a handler without any middleware, so the table can say what the middleware itself costs."""

import os

from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

app = get_wsgi_application()


class NoMiddlewareHandler(WSGIHandler):
    def load_middleware(self, is_async=False):
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        self._middleware_chain = convert_exception_to_response(self._get_response)


raw = NoMiddlewareHandler()


def application(environ, start_response):
    if environ.get("PATH_INFO") == "/bench/raw/":
        return raw(environ, start_response)
    return app(environ, start_response)
