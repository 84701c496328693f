"""A looser Content Security Policy for the admin, which needs inline scripts.

Readers' pages get the strict SECURE_CSP (no inline script without a nonce). Wagtail's
admin still ships inline scripts and styles, loads avatars from Gravatar and checks for
new releases, so under its URL prefixes the policy allows those, and only those.
"""

from django.conf import settings


class AdminContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(settings.NEWSROOM_ADMIN_CSP_PATHS)

    def __call__(self, request):
        response = self.get_response(request)
        # A view's own @csp_override wins; Django's CSP middleware (outer) reads this.
        if request.path.startswith(self.prefixes) and not hasattr(response, "_csp_config"):
            response._csp_config = settings.NEWSROOM_ADMIN_CSP
        return response
