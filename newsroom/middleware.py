"""Request and response rules of the whole site: the admin's Content Security Policy,
and NUL bytes refused at the door.

A looser Content Security Policy for the admin, which needs inline scripts.

Readers' pages get the strict SECURE_CSP (no inline script without a nonce). Wagtail's
admin still ships inline scripts and styles, loads avatars from Gravatar and checks for
new releases, so under its URL prefixes the policy allows those, and only those.
"""

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils.csp import CSP
from django.utils.translation import gettext as _


class AdminContentSecurityPolicyMiddleware:
    """Picks the response's Content Security Policy, and adds the Permissions-Policy.

    Also makes the two framing headers agree: CSP `frame-ancestors` follows the
    X-Frame-Options the response ended up with (set inside this middleware, by Django's
    clickjacking middleware or a view): DENY is 'none', SAMEORIGIN is 'self'. Readers'
    pages are DENY; Wagtail's preview, which the admin shows in a frame, is SAMEORIGIN.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(settings.NEWSROOM_ADMIN_CSP_PATHS)

    def __call__(self, request):
        response = self.get_response(request)
        # A view's own @csp_override wins; Django's CSP middleware (outer) reads this.
        config = getattr(response, "_csp_config", None)
        if config is None:
            admin = request.path.startswith(self.prefixes)
            config = settings.NEWSROOM_ADMIN_CSP if admin else settings.SECURE_CSP
        if config:
            same_origin = response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
            config = config | {"frame-ancestors": [CSP.SELF if same_origin else CSP.NONE]}
        response._csp_config = config
        response.setdefault("Permissions-Policy", settings.NEWSROOM_PERMISSIONS_POLICY)
        return response


class RejectNulBytesMiddleware:
    """A NUL byte in the path or the query string is a 400, before any view sees it.

    No URL or parameter of this site can contain one, and PostgreSQL refuses NUL in
    text, so without this every view that looks a value up would answer 500. Django's
    form fields already refuse NUL in submitted forms with a form error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(
                _("The address contains a NUL byte."), content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)
