"""Readers' site throughput: an interview page uncached and cached, against Django's floor,
and the listing pages (home, section, topic, person, the indexes) uncached.

With a generated corpus (newsroom/management/commands/generate_corpus.py, linked by
`relink --all` so each page shows its related interviews) on PostgreSQL, gunicorn with
2 sync workers serves the site; wrk loads, in turn:

  * the constant 20 KB HttpResponse at /bench/floor/ (bench/site_wsgi.py): what Django
    and gunicorn cost before any page is rendered, the floor;
  * an interview page with the page cache off (PAGE_CACHE_SECONDS=0): routing, 5 SQL
    queries and the template;
  * the same page with the page cache on, in Redis (CACHE_URL): one cache round trip;
  * each listing page uncached (the largest section, topic and person), each followed by
    BENCH_COMPARE_URL when given (interleaved, so the machine's load hits both alike).

After building the corpus it runs what the publishing pipeline runs after a publication
(the front page snapshot, the listings' counts) and ANALYZE.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench_site \\
    CACHE_URL=redis://127.0.0.1:6379/3 .venv/bin/python bench/bench_site.py

Options (environment): BENCH_ARTICLES (10000: generated once, reused afterwards),
BENCH_SECONDS (15 per run), BENCH_CONNECTIONS (16), BENCH_THREADS (2), and
BENCH_COMPARE_URL: a page of another site already running on this machine (Wagtail's
bakerydemo blog page, set up as docs/performance.md says), loaded in the same run. Needs
wrk (apt-get install wrk). Prints a Markdown table for docs/performance.md.
"""

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench_site")
os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

ARTICLES = int(os.environ.get("BENCH_ARTICLES", "10000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "15"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
COMPARE_URL = os.environ.get("BENCH_COMPARE_URL")
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def ensure_database() -> None:
    import psycopg

    name = os.environ["DATABASE_URL"].rsplit("/", 1)[1]
    admin_url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def manage(*args: str) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def prepare_corpus() -> str:
    """Migrate, generate and link the corpus once, and pick an interview of typical length."""
    ensure_database()
    manage("migrate", "--noinput")
    import django

    django.setup()
    from interviews.models import InterviewPage, RelatedLink

    have = InterviewPage.objects.live().count()
    if have < ARTICLES:
        print(f"generating {ARTICLES - have} articles…", flush=True)
        manage("generate_corpus", "--articles", str(ARTICLES - have), "--seed", "7")
    if have < ARTICLES or not RelatedLink.objects.exists():
        # A published interview shows its related articles: measure the page with them.
        print("linking related articles (relink --all)…", flush=True)
        manage("relink", "--all")
    # What the publishing pipeline builds after each publication: the front page's rails
    # and the listings' counts.
    from interviews import listing_counts
    from newsroom import front_page

    front_page.rebuild()
    listing_counts.rebuild()
    # Statistics for the planner (autovacuum may be off); the pages must not depend on
    # them (tests/test_listings.py), but a production database has them.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    pages = list(InterviewPage.objects.live().order_by("pk")[:200])
    pages.sort(key=lambda page: len(page.body.raw_data))
    typical = pages[len(pages) // 2]
    print(
        f"corpus: {InterviewPage.objects.live().count()} live interviews; page "
        f"{typical.url} has {len(typical.exchanges)} exchanges",
        flush=True,
    )
    return typical.url


def listing_pages() -> dict[str, str]:
    """The listing pages to measure: the largest of each kind (the most interviews)."""
    from taggit.models import Tag

    from interviews import listing_counts
    from interviews.models import InterviewIndexPage, Person

    def largest(kind: str) -> int:
        counts = listing_counts.stored(kind)
        key = max(counts, key=lambda key: counts[key])
        return int(listing_counts.key_of(key))

    section = InterviewIndexPage.objects.live().order_by("-numchild").first()
    topic = Tag.objects.get(pk=largest("topics"))
    person = Person.objects.get(pk=largest("people"))
    return {
        "home page": "/",
        f"section page ({section.url})": section.url,
        f"largest topic page (/topics/{topic.slug}/)": f"/topics/{topic.slug}/",
        f"largest person page (/people/{person.slug}/)": f"/people/{person.slug}/",
        "topic index (/topics/)": "/topics/",
        "people index (/people/)": "/people/",
    }


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn with 2 workers on a free port, DEBUG off, until `ready_path` answers."""

    def __init__(self, wsgi="bench.site_wsgi", ready_path="/bench/floor/", **env):
        self.port = free_port()
        self.wsgi, self.ready_path = wsgi, ready_path
        self.env = {
            **os.environ,
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_COOKIES": "0",
            **env,
        }

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                GUNICORN,
                self.wsgi,
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=PROJECT_ROOT,
            env=self.env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url(self.ready_path), timeout=2).read()
                return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not start")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


def wrk(url: str) -> dict:
    # Warm up: connections, the cache, PostgreSQL's buffers.
    for _ in range(20):
        urllib.request.urlopen(url).read()
    command = [
        "wrk",
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{SECONDS}s",
        "--latency",
        url,
    ]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)

    def latency(percent: str) -> float:
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)", output, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return {
        "rps": rps,
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": int(errors.group(1)) if errors else 0,
        "command": " ".join(command),
    }


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    interview = prepare_corpus()
    listings = listing_pages()
    results = {}
    print(f"load average before: {os.getloadavg()}", flush=True)
    with Gunicorn(PAGE_CACHE_SECONDS="0") as server:
        results["constant 20 KB HttpResponse (floor)"] = wrk(server.url("/bench/floor/"))
        results["interview page, uncached"] = wrk(server.url(interview))
        # Each listing page, then the other site's page right after it: interleaved, so
        # the load of a shared machine falls on both alike.
        for n, (name, path) in enumerate(listings.items()):
            results[f"{name}, uncached"] = wrk(server.url(path))
            if COMPARE_URL:
                results[f"compared ({n + 1}): {COMPARE_URL}"] = wrk(COMPARE_URL)
    with Gunicorn(PAGE_CACHE_SECONDS="600") as server:
        results["interview page, cached (Redis)"] = wrk(server.url(interview))
    if COMPARE_URL:
        results[f"compared: {COMPARE_URL}"] = wrk(COMPARE_URL)

    floor = results["constant 20 KB HttpResponse (floor)"]["rps"]
    print()
    print(f"load average after: {os.getloadavg()}")
    print(
        f"wrk -t{THREADS} -c{CONNECTIONS} -d{SECONDS}s, gunicorn --workers 2, {ARTICLES} articles"
    )
    print()
    print("| what | requests/s | p50 ms | p99 ms | of floor |")
    print("|---|---:|---:|---:|---:|")
    for name, result in results.items():
        print(
            f"| {name} | {result['rps']:.0f} | {result['p50']:.1f} | {result['p99']:.1f} "
            f"| {result['rps'] / floor:.0%} |"
        )
        if result["errors"]:
            print(f"|  ↳ {result['errors']} non-2xx responses | | | | |")


if __name__ == "__main__":
    main()
