"""An editor schedules to the minute and submits; a moderator approves from the publishing
report and cancels another publication there. In a real headless Chromium, in Russian."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from interviews.models import InterviewPage
from publishing.models import PublishingJob
from tests.factories import make_interview

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def make_user(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, f"{name}@example.com", "pass-1234")
    user.groups.add(Group.objects.get(name=group))
    return user


def log_in(page, live_server, name, next_url):
    page.goto(f"{live_server.url}/admin/login/?next={next_url}")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", "pass-1234")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}{next_url}")


def test_schedule_to_the_minute_submit_approve_and_cancel_from_the_report(
    interview_section, live_server, browser, django_user_model
):
    make_user(django_user_model, "editor", "Редакторы")
    make_user(django_user_model, "moderator", "Модераторы")
    submitted = make_interview(interview_section, title="Паромы весной")
    other = make_interview(interview_section, title="Отменить это")
    other.go_live_at = timezone.now() + timedelta(days=3)
    other.save_revision().publish()
    next_month = timezone.localtime() + timedelta(days=32)

    context = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    editor = context.new_page()
    log_in(editor, live_server, "editor", f"/admin/pages/{submitted.pk}/edit/")
    editor.locator("[data-side-panel-toggle='status']").first.click()
    editor.get_by_role("button", name=re.compile("Установить расписание")).first.click()
    editor.locator("#id_go_live_at").click()
    picker = editor.locator(".xdsoft_datetimepicker:visible")
    now = timezone.localtime()
    for _month in range((next_month.year - now.year) * 12 + next_month.month - now.month):
        picker.locator(".xdsoft_next").first.click()
    picker.locator(f"td.xdsoft_date[data-date='15'][data-month='{next_month.month - 1}']").click()
    # The picker offers minutes, and closes once the time is chosen…
    picker.locator(".xdsoft_time[data-hour='9'][data-minute='35']").dispatch_event("click")
    expect(editor.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    expect(editor.locator("#id_go_live_at")).to_have_value(re.compile(r"-15 09:35$"))
    # …so its save button is not covered (a covered button cannot be clicked).
    editor.get_by_role("button", name="Сохранить расписание").click(timeout=3000)
    editor.locator("footer [data-w-dropdown-target='toggle']").first.click()  # more actions
    editor.locator("button[name='action-submit']").click()
    expect(editor.locator(".messages")).to_contain_text("отправлена")

    moderator = context.browser.new_context(locale="ru-RU").new_page()
    log_in(moderator, live_server, "moderator", "/admin/publishing/")
    awaiting = moderator.get_by_test_id("awaiting")
    expect(awaiting).to_contain_text("Паромы весной")
    expect(awaiting).to_contain_text("15")
    awaiting.get_by_role("button", name="Одобрить").click()
    expect(moderator.locator(".messages")).to_contain_text("Одобрено: «Паромы весной»")
    upcoming = moderator.get_by_test_id(f"upcoming-{submitted.pk}")
    expect(upcoming).to_contain_text("09:35:00")

    moderator.get_by_test_id(f"upcoming-{other.pk}").get_by_role(
        "button", name="Отменить публикацию"
    ).click()
    expect(moderator.locator(".messages")).to_contain_text("Публикация «Отменить это» отменена")
    expect(moderator.get_by_test_id(f"upcoming-{other.pk}")).to_have_count(0)

    job = PublishingJob.objects.get(page=submitted, kind="go_live", status="queued")
    local = timezone.localtime(job.due_at)
    assert (local.month, local.day, local.hour, local.minute) == (next_month.month, 15, 9, 35)
    assert not InterviewPage.objects.get(pk=submitted.pk).live
    assert not PublishingJob.objects.scheduled().filter(page=other).exists()
    context.close()
