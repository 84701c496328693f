"""Slugs an editor gets in the admin follow the site's one transliteration scheme."""

import re

import pytest
from playwright.sync_api import expect

from interviews.models import InterviewIndexPage, Person
from interviews.slugs import latin_slug
from tests.site_helpers import site_tree  # noqa: F401 (a fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("site_tree"),
]

# Letters where Wagtail's own table differs from ICAO 9303 (х, ц, щ, я, ю, й, ё).
TITLE = "Щедрый урожай: цены на хлеб, ячмень и «Юг» в тёплый год"


def test_a_new_interview_gets_its_slug_by_icao_as_the_title_is_typed(page, log_in_editor):
    section = InterviewIndexPage.objects.get()
    log_in_editor(f"/admin/pages/add/interviews/interviewpage/{section.pk}/")

    page.locator("#id_title").press_sequentially(TITLE)
    page.locator("#id_title").blur()

    expected = latin_slug(TITLE)
    assert expected == "shchedryi-urozhai-tseny-na-khleb-iachmen-i-iug-v-teplyi-god"
    expect(page.locator("#id_slug")).to_have_value(expected)


def test_a_slug_typed_in_cyrillic_is_made_latin_by_the_same_scheme(page, log_in_editor):
    section = InterviewIndexPage.objects.get()
    log_in_editor(f"/admin/pages/add/interviews/interviewpage/{section.pk}/")

    slug_panel = page.locator("[role=tabpanel]", has=page.locator("#id_slug"))
    page.locator(f"[role=tab][aria-controls='{slug_panel.get_attribute('id')}']").click()
    page.locator("#id_slug").fill("Хлеб и цены")
    page.locator("#id_slug").blur()

    expect(page.locator("#id_slug")).to_have_value("khleb-i-tseny")


def test_a_new_person_gets_a_slug_from_the_name_that_a_later_rename_keeps(
    live_server, page, log_in_editor
):
    log_in_editor("/admin/snippets/interviews/person/add/")

    page.locator("#id_name").press_sequentially("Юлия Щербакова")
    expect(page.locator("#id_slug")).to_have_value("iuliia-shcherbakova")
    page.get_by_role("button", name=re.compile("^(Save|Сохранить)$")).click()
    expect(page.get_by_text("Юлия Щербакова")).not_to_have_count(0)
    person = Person.objects.get(name="Юлия Щербакова")
    assert person.slug == "iuliia-shcherbakova"

    # A spelling fix must not move the person's public page.
    page.goto(f"{live_server.url}/admin/snippets/interviews/person/edit/{person.pk}/")
    page.locator("#id_name").click()
    page.locator("#id_name").press("End")
    page.locator("#id_name").press_sequentially("-Ли")
    page.locator("#id_name").blur()
    page.wait_for_timeout(300)  # Wagtail's sync is debounced by 100 ms
    expect(page.locator("#id_slug")).to_have_value("iuliia-shcherbakova")
