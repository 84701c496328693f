"""The page editor of an interview in headless Chromium: 6 exchanges against 40.

Two imported interviews (one answer per exchange), gunicorn with DEBUG off serving the
admin and its static files (collected once into data/bench-static), and Chromium signed in
as a superuser. For each interview, BENCH_RUNS times (median printed):

  * interactive: ms from navigation start until the editor can be used: every exchange's
    question field, answer editor (Draftail) and topic field (tag-it, Wagtail's w-tag
    controller) are on the page, and the stream's
    keyboard shortcuts are bound (interviews/static/interviews/admin/exchange_editor.js
    marks the page with data-exchange-editor-ready; without that script, as before it
    existed, the first two conditions);
  * elements: document.getElementsByTagName('*').length a second after the load event
    (Wagtail's minimap comes last);
  * editor px: the height of the body StreamField's panel, the scrolling it asks for;
  * HTML received, DOMContentLoaded: the navigation's responseEnd and
    domContentLoadedEventEnd, to tell the server's part from the browser's;
  * save POST: ms from clicking "Save draft" until the POST's response arrives;
  * save, editor back: until the reloaded editor is interactive again with its message.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench_editor \\
    .venv/bin/python bench/bench_editor.py

Options (environment): BENCH_RUNS (5), BENCH_SIZES ("6 40"). Prints a Markdown table for
docs/performance.md and the load average.
"""

import os
import shutil
import statistics
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench_editor")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("STATIC_ROOT", str(PROJECT_ROOT / "data" / "bench-static"))

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "6 40").split()]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
USERNAME, PASSWORD = "bench-editor", "bench-editor-pass"

from bench.bench_site import Gunicorn, ensure_database, manage  # noqa: E402


def interview_text(exchanges: int) -> str:
    turns = [
        f"– Вопрос {n}: что изменилось на причале за год?\n\n"
        f"– Ответ {n}: перевалка выросла, очередь судов сократилась."
        for n in range(exchanges)
    ]
    return "Порт растёт.\n\n" + "\n\n".join(turns) + "\n"


def prepare() -> dict[int, int]:
    """Migrate, collect static files, and (re)create one interview per size: page ids."""
    ensure_database()
    manage("migrate", "--noinput")
    manage("collectstatic", "--noinput")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from interviews.importer import parse_interview
    from interviews.models import InterviewIndexPage, InterviewPage
    from interviews.services import create_interview

    user_model = get_user_model()
    if not user_model.objects.filter(username=USERNAME).exists():
        user_model.objects.create_superuser(USERNAME, "bench@example.com", PASSWORD)
    section = InterviewIndexPage.objects.get(slug="interviews")
    pages = {}
    for size in SIZES:
        title = f"Bench editor {size}"
        for old in InterviewPage.objects.filter(title=title):
            old.delete()
        page = create_interview(parse_interview(interview_text(size)), section=section, title=title)
        pages[size] = page.pk
    return pages


READY = """(exchanges) => {
  const body = document.querySelector("[data-contentpath='body']");
  if (!body) return false;
  const questions = body.querySelectorAll("[data-contentpath='question'] textarea").length;
  const answers = body.querySelectorAll(
    "[data-contentpath='text'] .public-DraftEditor-content").length;
  const topics = body.querySelectorAll("[data-contentpath='topics'] ul.tagit").length;
  const bound = document.querySelector('[data-exchange-editor-ready]') !== null
    || !document.querySelector('script[src*="exchange_editor.js"]');
  return questions === exchanges && answers === exchanges && topics === exchanges && bound;
}"""

FIGURES = """() => {
  const panel = document.querySelector("[data-contentpath='body']");
  return {
    elements: document.getElementsByTagName('*').length,
    height: Math.round(panel.getBoundingClientRect().height),
  };
}"""


def submission(response) -> bool:
    # The form's own POST; Wagtail's editor also posts in the background (autosave).
    return response.request.method == "POST" and response.request.resource_type == "document"


def measure(context, edit_url: str, exchanges: int) -> dict:
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.goto(edit_url, wait_until="commit")
    page.wait_for_function(READY, arg=exchanges, polling="raf")
    interactive = page.evaluate("performance.now()")
    timing = page.evaluate(
        "(() => { const n = performance.getEntriesByType('navigation')[0];"
        " return {html: n.responseEnd, parsed: n.domContentLoadedEventEnd}; })()"
    )
    page.wait_for_load_state("load")
    # Wagtail draws the minimap (a line per block, on the right) a moment after the form.
    page.wait_for_timeout(1000)
    figures = page.evaluate(FIGURES)
    started = time.perf_counter()
    with page.expect_response(submission) as post:
        page.locator("button.action-save").first.click()
    posted = (time.perf_counter() - started) * 1000
    assert post.value.status == 302, (post.value.status, post.value.text()[:2000])
    page.wait_for_url("**/edit/")
    page.locator(".messages .success").wait_for()
    page.wait_for_function(READY, arg=exchanges, polling="raf")
    save = (time.perf_counter() - started) * 1000
    page.close()
    return {**figures, **timing, "interactive": interactive, "post": posted, "save": save}


def main() -> None:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM:
        sys.exit("Chromium is missing (apt-get install chromium)")
    pages = prepare()
    rows = []
    server = Gunicorn(wsgi="newsroom.wsgi", ready_path="/admin/login/", NEWSROOM_REQUIRE_2FA="0")
    with server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
        login = context.new_page()
        login.goto(server.url("/admin/login/"))
        login.fill("input[name=username]", USERNAME)
        login.fill("input[name=password]", PASSWORD)
        login.click("button[type=submit]")
        login.wait_for_url(server.url("/admin/"))
        login.close()
        for size in SIZES:
            edit_url = server.url(f"/admin/pages/{pages[size]}/edit/")
            measure(context, edit_url, size)  # warm: static files cached, worker imports done
            runs = [measure(context, edit_url, size) for _ in range(RUNS)]
            rows.append((size, {key: statistics.median(r[key] for r in runs) for key in runs[0]}))
        browser.close()
    print(f"median of {RUNS} runs; load average {os.getloadavg()[0]:.2f}")
    columns = {
        "elements": "elements",
        "height": "editor px",
        "html": "HTML received ms",
        "parsed": "DOMContentLoaded ms",
        "interactive": "interactive ms",
        "post": "save POST ms",
        "save": "save, editor back ms",
    }
    print("| exchanges | " + " | ".join(columns.values()) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for size, row in rows:
        print(f"| {size} | " + " | ".join(f"{row[key]:,.0f}" for key in columns) + " |")


if __name__ == "__main__":
    main()
