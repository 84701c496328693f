"""Login throttling (django-axes) for every sign-in form."""

from axes.backends import AxesStandaloneBackend


class ThrottledLogins(AxesStandaloneBackend):
    """Axes' lockout check, for logins that come from a request.

    Every sign-in form (Wagtail's admin login, the readers' login for private pages) passes
    the request, and those are what an attacker can reach. A login from code (the shell,
    the test client) has no client address to throttle by; axes would refuse it with an
    error, so it is left to the next backend unchecked.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
