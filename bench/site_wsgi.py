"""The project's WSGI application plus one bench-only URL: /bench/floor/, a constant 20 KB
HttpResponse through the same middleware. Used by bench/bench_site.py only."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

application = get_wsgi_application()

FLOOR_BODY = b"<!DOCTYPE html><title>floor</title>" + b"x" * (20 * 1024 - 35)


def floor(request):
    return HttpResponse(FLOOR_BODY, content_type="text/html; charset=utf-8")


import newsroom.urls  # noqa: E402

# Before the first request, so the URL resolver is built with it.
newsroom.urls.urlpatterns.insert(0, path("bench/floor/", floor))
