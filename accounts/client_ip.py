"""The address logins are throttled by."""

from django.conf import settings


def client_ip(request) -> str:
    """The client's address: nginx's X-Forwarded-For when the proxy is trusted
    (SECURE_PROXY_SSL_HEADER=1, see README), else the connection's own address."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and forwarded:
        # The proxy appends the address it saw; anything before it the client could forge.
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
