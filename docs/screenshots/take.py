"""Screenshots of each page type at 390 px and 1366 px wide, for docs/site.md.

Run against a running site with the demo loaded (`make run`):
    .venv/bin/python docs/screenshots/take.py http://127.0.0.1:8000
Writes docs/screenshots/<page>-<width>.webp (the first screenful and a little more,
small enough to keep in git).
"""

import io
import sys
from pathlib import Path
from urllib.parse import quote

from PIL import Image
from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
PAGES = {
    "home": "/",
    "section": "/interviews/",
    "interview": "/interviews/kaspiyskie-porty-obmelenie/",
    "answer": None,  # the first answer's own page, found on the interview page
    "topic": "/topics/{topic}/",
    "person": "/people/{person}/",
    "topics": "/topics/",
    "people": "/people/",
    "search": "/search/?q=" + quote("порт"),
}
WIDTHS = {390: 844, 1366: 900}


def main(base: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        tab = browser.new_page(viewport={"width": 390, "height": 844})
        tab.goto(base + PAGES["interview"])
        share = tab.locator("a.exchange__share").first.get_attribute("href")
        topic = tab.locator(".interview__footer .tag-list a").first.get_attribute("href")
        person = tab.locator(".person-card__name a").first.get_attribute("href")
        # The answer's page scrolled to its answer, as a reader arriving from a share sees it.
        short_id = share.rstrip("/").rsplit("/", 1)[-1]
        paths = {**PAGES, "answer": f"{share}#{short_id}", "topic": topic, "person": person}
        for width, height in WIDTHS.items():
            tab.set_viewport_size({"width": width, "height": height})
            for name, path in paths.items():
                tab.goto(base + path, wait_until="networkidle")
                png = tab.screenshot(full_page=False)
                picture = Image.open(io.BytesIO(png))
                picture.save(HERE / f"{name}-{width}.webp", "WEBP", quality=70, method=6)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
