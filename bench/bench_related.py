"""Related articles at newsroom scale: one relink, and the full relink, on PostgreSQL.

For each corpus size (grown in place: 10,000 then 100,000 by default) it
  1. generates the synthetic corpus up to that size (generate_corpus, bulk inserts);
  2. times the full relink of every article (relink_all: index, recount, every list),
     unless --skip-full;
  3. publishes SAMPLES new articles drawn like the corpus, one at a time, and times
     `related.relink(page)` for each: what the post-publish step costs. It also counts
     the SQL queries of each relink.
Then it prints p50/p95/p99 per size and the p50 ratio between the sizes.

    createdb -h 127.0.0.1 -U postgres newsroom_bench_related
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench_related \\
        .venv/bin/python bench/bench_related.py --sizes 10000 100000

--fresh drops and recreates the database first (it must be a bench database).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")


def recreate_database(url: str) -> None:
    import dj_database_url
    import psycopg

    settings = dj_database_url.parse(url)
    name = settings["NAME"]
    if "bench" not in name:
        sys.exit(f"--fresh refuses to drop {name!r}: its name does not say 'bench'")
    admin = psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"] or "postgres",
        password=settings["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--samples", type=int, default=200, help="new articles relinked per size")
    parser.add_argument("--skip-full", action="store_true", help="do not time the full relink")
    parser.add_argument("--workers", type=int, default=2, help="processes for the full relink")
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL bench database (see the docstring).")
    if args.fresh:
        recreate_database(url)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, skip_checks=True)
    results = [measure(size, args) for size in sorted(args.sizes)]
    report(results)


def measure(size: int, args) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from interviews import related
    from interviews.models import InterviewPage
    from newsroom.management.commands.generate_corpus import generate_corpus

    existing = InterviewPage.objects.count()
    if existing < size:
        started = time.monotonic()
        generate_corpus(size - existing, seed=size, batch_size=2000)
        log(f"{size}: generated {size - existing} articles in {time.monotonic() - started:.0f} s")

    result = {"size": size, "full_seconds": None}
    if not args.skip_full:
        started = time.monotonic()
        pages = related.relink_all(workers=args.workers, progress=progress_line(size))
        result["full_seconds"] = time.monotonic() - started
        log(f"{size}: full relink of {pages} articles: {result['full_seconds']:.0f} s")

    # New articles, published one by one: each relink sees the ones before it.
    before = set(InterviewPage.objects.values_list("pk", flat=True))
    generate_corpus(args.samples, seed=size + 1, scale=size, batch_size=args.samples)
    new_pages = sorted(set(InterviewPage.objects.values_list("pk", flat=True)) - before)
    timings, queries = [], []
    for page_id in new_pages:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            related.relink(page_id)
            timings.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured.captured_queries))
    result.update(
        p50=percentile(timings, 0.50),
        p95=percentile(timings, 0.95),
        p99=percentile(timings, 0.99),
        mean=statistics.fmean(timings),
        queries=max(queries),
        samples=len(timings),
    )
    log(f"{size}: relink p50 {result['p50']:.1f} ms, p95 {result['p95']:.1f} ms")
    return result


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def progress_line(size):
    last = [0.0]

    def progress(phase, done, total):
        now = time.monotonic()
        if now - last[0] > 30 or done == total:
            last[0] = now
            log(f"{size}: {phase} {done}/{total}")

    return progress


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def report(results: list[dict]) -> None:
    print("\nRelated articles on PostgreSQL (ms per relink of one newly published article)")
    print(
        f"{'articles':>9} {'p50':>7} {'p95':>7} {'p99':>7} {'mean':>7} {'queries':>8}  full relink"
    )
    for r in results:
        full = "not timed" if r["full_seconds"] is None else f"{r['full_seconds'] / 60:.1f} min"
        print(
            f"{r['size']:>9} {r['p50']:>7.1f} {r['p95']:>7.1f} {r['p99']:>7.1f}"
            f" {r['mean']:>7.1f} {r['queries']:>8}  {full}"
        )
    if len(results) > 1:
        first, last = results[0], results[-1]
        print(
            f"p50 ratio {last['size']} / {first['size']}: {last['p50'] / first['p50']:.2f}"
            f"  (p95 {last['p95'] / first['p95']:.2f})"
        )


if __name__ == "__main__":
    main()
