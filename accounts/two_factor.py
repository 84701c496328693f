"""Two-factor sign-in (TOTP, django-otp) for the Wagtail admin.

After the password, a user with an authenticator app enrolled types its six-digit code
(the verify step). Superusers and everyone who may publish (Moderators) must enrol one
when NEWSROOM_REQUIRE_2FA is on (the default when DEBUG is off): until they have, every
admin page sends them to the enrolment page. The local demo (DEBUG) does not ask.
"""

from base64 import b32encode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.permission_policies.pages import PagePermissionPolicy

GUARDED_PATHS = ("/admin/", "/django-admin/")
# Admin views a signed-in user without a second factor may still reach.
OPEN_VIEWS = {
    "two_factor_enrol",
    "two_factor_verify",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "logout",
    "login",
}


def must_use_two_factor(user) -> bool:
    if not settings.NEWSROOM_REQUIRE_2FA:
        return False
    return user.is_superuser or PagePermissionPolicy().user_has_permission(user, "publish")


class RequireTwoFactor:
    """After django_otp's OTPMiddleware: send an unverified admin user to verify or enrol."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not request.path.startswith(GUARDED_PATHS) or not user.is_authenticated:
            return None
        if user.is_verified() or request.resolver_match.url_name in OPEN_VIEWS:
            return None
        if any(devices_for_user(user, confirmed=True)):
            step = "two_factor_verify"
        elif must_use_two_factor(user):
            step = "two_factor_enrol"
        else:
            return None
        return redirect(f"{reverse(step)}?next={request.get_full_path()}")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def token_error(throttled: bool) -> str:
    if throttled:
        return _("Too many wrong codes. Wait a few seconds and try again.")
    return _("This code is not valid. Check your app's clock and try again.")


def verify(request):
    """The second step of signing in: the code from an enrolled device."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    form = TokenForm(request.POST or None)
    if form.is_valid():
        token = form.cleaned_data["token"].strip()
        devices = list(devices_for_user(request.user, confirmed=True))
        # django_otp makes each device wait longer after every wrong code (1 s, 2 s, 4 s…).
        allowed = [device for device in devices if device.verify_is_allowed()[0]]
        for device in allowed:
            if device.verify_token(token):
                otp_login(request, device)
                return redirect(next_url(request))
        form.add_error("token", token_error(devices and not allowed))
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": next_url(request)}
    )


def enrol(request):
    """Add an authenticator app: show its secret, confirm with a first code."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "authenticator app"}
    )
    form = TokenForm(request.POST or None)
    if form.is_valid():
        allowed = device.verify_is_allowed()[0]
        if allowed and device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Two-factor sign-in is on for your account."))
            return redirect(next_url(request))
        form.add_error("token", token_error(not allowed))
    secret = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "next": next_url(request),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "config_url": device.config_url,
    }
    return render(request, "accounts/two_factor_enrol.html", context)


urlpatterns = [
    path("two-factor/verify/", verify, name="two_factor_verify"),
    path("two-factor/enrol/", enrol, name="two_factor_enrol"),
]
