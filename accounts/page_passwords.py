"""Wagtail's password form for private pages, throttled like the logins.

A wrong page password counts as a failed login for the pair (this restriction, this
client address), so django-axes locks it out after AXES_FAILURE_LIMIT tries, for
AXES_COOLOFF_TIME, and its records show in the Django admin with the login attempts.
"""

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render
from wagtail import views as wagtail_views


def authenticate_with_password(request, page_view_restriction_id, page_id):
    credentials = {"username": f"page-password:{page_view_restriction_id}"}
    if request.method == "POST" and not AxesProxyHandler.is_allowed(request, credentials):
        return render(request, "accounts/locked_out.html", status=429)
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if request.method == "POST" and response.status_code == 200:
        # Wagtail shows the form again, with its error: the password was wrong.
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    return response
