"""Sign-in security: throttled logins and page passwords, two-factor admin sign-in."""

import time

import pytest
from django.contrib.auth.models import Group
from django.urls import clear_url_caches
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import PageViewRestriction

from tests.factories import make_interview

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
LIMIT = 5  # AXES_FAILURE_LIMIT's default (LOGIN_FAILURE_LIMIT)
ANSWER = "Тарифы на железной дороге"  # from DASH_INTERVIEW: shown only once it is open


@pytest.fixture
def english(settings):
    """Messages are checked in English, whatever the Russian catalogue says."""
    settings.LANGUAGE_CODE = "en"
    yield
    # Django keeps its URL maps per language; those built while English was the default
    # language have no /en/ prefix, and later tests would get them (English pages 404).
    clear_url_caches()


def make_user(django_user_model, name, group=None, **extra):
    user = django_user_model.objects.create_user(name, f"{name}@example.com", "right-pass", **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def sign_in(client, name, password="right-pass"):
    return client.post(LOGIN, {"username": name, "password": password, "next": "/admin/"})


def in_the_admin(client) -> bool:
    return client.get("/admin/").status_code == 200


def test_wrong_passwords_lock_the_admin_login(english, client, django_user_model):
    make_user(django_user_model, "moderator", "Модераторы")
    make_user(django_user_model, "colleague", "Модераторы")

    for _ in range(LIMIT - 1):
        assert sign_in(client, "moderator", "guess").status_code == 200  # the form again
    assert sign_in(client, "moderator").status_code == 302, "the right one still works"
    client.logout()

    for _ in range(LIMIT):
        sign_in(client, "moderator", "guess")
    locked = sign_in(client, "moderator")

    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    assert not in_the_admin(client), "not even the right password gets in now"
    assert sign_in(client, "colleague").status_code == 302, "others are not locked out"


def test_wrong_page_passwords_are_locked_out(client, interview_section):
    page = make_interview(interview_section, title="Под паролем", publish=True)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    form_url = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"

    def try_password(password):
        return client.post(form_url, {"password": password, "return_url": page.url})

    for _ in range(LIMIT - 1):
        assert try_password("guess").status_code == 200  # Wagtail shows the form again
    assert try_password("guess").status_code == 429, "the last allowed try locks it"
    locked = try_password("letmein")

    assert locked.status_code == 429
    assert (
        client.get(page.url).status_code == 200
        and "Под паролем"
        not in (client.get(page.url).content.decode().split("<title>")[1].split("</title>")[0])
    ), "the page stays behind its password form"


def test_the_right_page_password_opens_the_page(client, interview_section):
    page = make_interview(interview_section, title="Под паролем", publish=True)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    form_url = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"

    client.post(form_url, {"password": "guess", "return_url": page.url})
    opened = client.post(form_url, {"password": "letmein", "return_url": page.url})

    assert opened.status_code == 302
    assert ANSWER in client.get(page.url).content.decode()


# Two-factor sign-in, as in production (NEWSROOM_REQUIRE_2FA on).


@pytest.fixture
def production(settings, english):
    settings.NEWSROOM_REQUIRE_2FA = True


def code_for(device, steps_ahead=0):
    """The code the user's authenticator app shows, computed by django_otp's own TOTP."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def test_a_moderator_without_a_device_must_enrol_then_gets_in(
    production, client, django_user_model
):
    moderator = make_user(django_user_model, "moderator", "Модераторы")

    assert sign_in(client, "moderator").status_code == 302
    to_enrol = client.get("/admin/pages/")
    assert to_enrol.status_code == 302
    assert to_enrol["Location"].startswith("/admin/two-factor/enrol/")
    assert client.get("/django-admin/")["Location"].startswith("/admin/two-factor/enrol/")

    enrolment = client.get(to_enrol["Location"])
    assert enrolment.status_code == 200
    device = TOTPDevice.objects.get(user=moderator, confirmed=False)
    assert "otpauth://totp/" in enrolment.content.decode()

    wrong = client.post(to_enrol["Location"], {"token": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 200 and not in_the_admin(client)
    assert (
        "Too many wrong codes"
        in client.post(to_enrol["Location"], {"token": code_for(device)}).content.decode()
    ), "a second try at once is held back"
    time.sleep(1.1)  # django_otp makes a device wait a second after a wrong code

    confirmed = client.post(
        to_enrol["Location"], {"token": code_for(device), "next": "/admin/pages/"}
    )
    assert confirmed.status_code == 302 and confirmed["Location"] == "/admin/pages/"
    assert in_the_admin(client)
    device.refresh_from_db()
    assert device.confirmed

    # The next sign-in asks for the code after the password.
    client.logout()
    sign_in(client, "moderator")
    to_verify = client.get("/admin/")
    assert to_verify["Location"].startswith("/admin/two-factor/verify/")
    assert client.post(to_verify["Location"], {"token": "123456"}).status_code == 200
    assert not in_the_admin(client)
    time.sleep(1.1)  # django_otp makes a device wait a second after a wrong code
    # The same 30 s step's code was used at enrolment and is refused as a replay: the
    # app's next code (within django_otp's tolerance of one step) is accepted.
    verified = client.post(to_verify["Location"], {"token": code_for(device, steps_ahead=1)})
    assert verified.status_code == 302
    assert in_the_admin(client)


def test_a_superuser_must_enrol_too(production, client, django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.com", "right-pass")

    sign_in(client, "root")

    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/enrol/")


def test_an_editor_is_not_asked_for_a_second_factor(production, client, django_user_model):
    make_user(django_user_model, "editor", "Редакторы")

    sign_in(client, "editor")

    assert in_the_admin(client)


def test_the_local_demo_signs_in_without_a_second_factor(client, django_user_model):
    django_user_model.objects.create_superuser("admin", "admin@example.com", "newsroom")

    assert sign_in(client, "admin", "newsroom").status_code == 302
    assert in_the_admin(client)
