"""A reader on a phone, in real Chromium: home → interview → an answer → its topic → a person
→ search; once by tapping with JavaScript off, once by keyboard alone."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.site_helpers import site_tree  # noqa: F401 (a fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("site_tree"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(live_server):
    call_command("load_demo", "--no-admin", verbosity=0)
    return live_server.url


@pytest.fixture
def phone(browser):
    # No JavaScript at all: the site must work as plain HTML.
    context = browser.new_context(
        locale="ru-RU", viewport=PHONE, java_script_enabled=False, is_mobile=True, has_touch=True
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture
def keyboard_phone(browser):
    context = browser.new_context(locale="ru-RU", viewport=PHONE)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def fits_the_screen(tab) -> bool:
    return tab.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


def test_reader_path_on_a_phone_without_javascript(demo, phone):
    phone.goto(demo + "/")
    expect(phone.get_by_role("heading", name="Последние интервью")).to_be_visible()
    assert fits_the_screen(phone)

    phone.locator(".card__title a").first.click()
    expect(phone.locator("h1.interview__title")).to_be_visible()
    assert fits_the_screen(phone)
    title = phone.locator("h1.interview__title").inner_text()

    # The list of questions leads to the answer's anchor.
    question = phone.locator(".toc__list a").nth(1)
    anchor = question.get_attribute("href")
    question.click()
    assert phone.url.endswith(anchor)
    exchange = phone.locator(f"[id='{anchor[1:]}']")
    expect(exchange).to_be_in_viewport()

    # Its topic gathers that answer with the others on the topic.
    topic_link = exchange.locator(".tag-list a").first
    topic = topic_link.inner_text()
    topic_link.click()
    expect(phone.locator("h1")).to_have_text(topic)
    expect(phone.locator(f".answer__question a[href$='{anchor}']")).to_have_count(1)
    assert fits_the_screen(phone)

    # From an answer to the person who gave it.
    speaker = phone.locator(".answer__source a").first
    name = speaker.inner_text()
    speaker.click()
    expect(phone.locator("h1")).to_have_text(name)
    phone.locator("details.appearance__answers summary").first.click()
    expect(phone.locator(".appearance__answers .answer").first).to_be_visible()

    # And search finds them by name.
    surname = name.split()[-1]
    phone.get_by_role("searchbox", name="Поиск по интервью").fill(surname)
    phone.get_by_role("button", name="Найти").click()
    expect(phone).to_have_url(re.compile(r"/search/\?q="))
    expect(phone.locator(".people-list a", has_text=name)).to_be_visible()
    assert phone.locator(".card").count() >= 1
    assert title  # the page we started from had a real title


def tab_to(tab, selector: str, limit: int = 200, key: str = "Tab") -> None:
    """Press Tab until the focused element matches the selector, as a keyboard user would."""
    for _ in range(limit):
        tab.keyboard.press(key)
        if tab.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached by keyboard")


def test_reader_path_by_keyboard_alone(demo, keyboard_phone):
    tab = keyboard_phone
    tab.goto(demo + "/")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent") == "Перейти к содержанию"
    tab.keyboard.press("Enter")
    expect(tab).to_have_url(re.compile("#main$"))

    tab_to(tab, ".card__title a")
    tab.keyboard.press("Enter")
    tab.wait_for_load_state()
    expect(tab.locator("h1.interview__title")).to_be_visible()

    tab_to(tab, ".toc__list a")
    anchor = tab.evaluate("document.activeElement.getAttribute('href')")
    tab.keyboard.press("Enter")
    expect(tab).to_have_url(re.compile(re.escape(anchor) + "$"))
    # Following an anchor moves the keyboard's starting point there: the next Tab stops
    # are that answer's topics.
    tab_to(tab, f"[id='{anchor[1:]}'] .tag-list a", limit=3)
    topic = tab.evaluate("document.activeElement.textContent")
    tab.keyboard.press("Enter")
    tab.wait_for_load_state()
    expect(tab.locator("h1")).to_have_text(topic)

    tab_to(tab, ".answer__source a")
    name = tab.evaluate("document.activeElement.textContent")
    tab.keyboard.press("Enter")
    tab.wait_for_load_state()
    expect(tab.locator("h1")).to_have_text(name)

    # Back up to the search box in the header, still without a pointer.
    tab_to(tab, "#site-search-q", key="Shift+Tab")
    tab.keyboard.type(name.split()[-1])
    tab.keyboard.press("Enter")
    tab.wait_for_load_state()
    expect(tab).to_have_url(re.compile(r"/search/\?q="))
    expect(tab.locator(".people-list a", has_text=name)).to_be_visible()
    # Focus is visible wherever it lands.
    tab_to(tab, ".card__title a")
    outline = tab.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
