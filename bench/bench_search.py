"""Readers' search through the served site: p50 and p99 of a realistic query mix.

On PostgreSQL, with a generated corpus (newsroom/management/commands/generate_corpus.py,
which writes the readers' search index as it goes), gunicorn with 2 sync workers serves
/search/; a Python HTTP loop (keep-alive connections, BENCH_CONCURRENCY at once) sends a
fixed, seeded mix of queries and times each response:

  * 25% one Russian word in an inflected form ("электростанциями", "порту");
  * 5% a surname typed slightly wrong ("Сатпаеф", "Ахметава": found through similar
    spellings, reader.search.similar_words);
  * 20% a surname in an oblique case, a man's or a woman's ("Сатпаеву", "Ахметовой");
  * 15% a topic in another case ("инфляции", "Среднего коридора");
  * 15% a word and a place ("тариф Актау");
  * 10% an English plural ("turbines");
  * 5% a word that is in most interviews ("рынка": the worst case, ranked all the same);
  * 5% any of the above with a year filter or on page 2.

The corpus grows to each size in turn (BENCH_SEARCH_SIZES, default "10000 100000"),
ANALYZE runs, then the mix is measured. The database is kept: a second run reuses it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench_search \\
        .venv/bin/python bench/bench_search.py

Options (environment): BENCH_SEARCH_SIZES, BENCH_REQUESTS (600 per size),
BENCH_CONCURRENCY (2). Prints a Markdown table for docs/performance.md, with the load
average when measured and, apart from HTTP, the SQL of each search alone (find(), in the
bench process, one at a time) and the Python CPU time of a whole page (in-process, which
a busy machine does not stretch), then HTTP and find() per kind of query.
"""

import http.client
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench_search")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

SIZES = [int(size) for size in os.environ.get("BENCH_SEARCH_SIZES", "10000 100000").split()]
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "600"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "2"))
# Exchanges per interview on average: 10 makes 100,000 interviews about a million answers.
EXCHANGES = float(os.environ.get("BENCH_EXCHANGES", "10"))
# People and topics sized for the largest corpus from the start, so the corpus grows
# as one newsroom would rather than changing its vocabulary between sizes.
SCALE = max(SIZES)

from bench.bench_site import Gunicorn, ensure_database, manage  # noqa: E402


def grow_corpus(size: int) -> None:
    from interviews.models import InterviewPage
    from newsroom.management.commands.generate_corpus import generate_corpus

    have = InterviewPage.objects.count()
    if have < size:
        started = time.monotonic()
        print(f"generating {size - have} articles (and their search entries)…", flush=True)
        generate_corpus(size - have, seed=size, scale=SCALE, exchanges=EXCHANGES)
        print(f"  {time.monotonic() - started:.0f} s", flush=True)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def query_mix(count: int, seed: int = 5) -> list[dict]:
    import pymorphy3

    from newsroom.management.commands.generate_corpus import (
        BASE_TOPICS,
        DOMAINS,
        GENERAL_RU,
        REGIONS,
        SURNAMES,
    )

    rng = random.Random(seed)
    morph = pymorphy3.MorphAnalyzer()
    cases = ["gent", "datv", "ablt", "loct"]

    def inflected(word: str) -> str:
        parsed = morph.parse(word)[0]
        form = parsed.inflect({rng.choice(["sing", "plur"]), rng.choice(cases)})
        return form.word if form else word

    russian = [w for ru, _en in DOMAINS.values() for w in ru.split()]
    english = [w for _ru, en in DOMAINS.values() for w in en.split()]

    surnames = [s for s in SURNAMES if s.endswith(("ов", "ев", "ин"))]
    # One letter wrong, as heard: a final в as ф, an unstressed о as а, и as е.
    misspellings = {"ов": "ав", "ев": "еф", "ин": "ен"}

    def one() -> dict:
        roll = rng.random()
        if roll < 0.25:
            kind, q = "word", inflected(rng.choice(russian))
        elif roll < 0.30:
            surname = rng.choice(surnames)
            kind, q = "misspelt name", surname[:-2] + misspellings[surname[-2:]]
        elif roll < 0.50:
            kind = "surname"
            q = rng.choice(surnames) + rng.choice(["а", "у", "ым", "ой", "ой", "е"])
        elif roll < 0.65:
            kind = "topic"
            q = " ".join(inflected(word) for word in rng.choice(BASE_TOPICS).split())
        elif roll < 0.80:
            kind, q = "word and place", f"{inflected(rng.choice(russian))} {rng.choice(REGIONS)}"
        elif roll < 0.90:
            kind, q = "English", rng.choice(english) + "s"
        else:
            kind, q = "common word", inflected(rng.choice(GENERAL_RU[:10]))
        params = {"kind": kind, "q": q}
        if rng.random() < 0.05:
            params["year" if rng.random() < 0.5 else "page"] = rng.choice(
                ["2022", "2024"] if rng.random() < 0.5 else ["2"]
            )
        return params

    return [one() for _ in range(count)]


def percentiles(latencies: list[float]) -> dict:
    latencies = sorted(latencies)
    return {
        "p50": statistics.median(latencies),
        "p90": latencies[int(len(latencies) * 0.90)],
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        "max": latencies[-1],
    }


def by_kind(timed: list[tuple[str, float]]) -> dict[str, dict]:
    kinds: dict[str, list[float]] = {}
    for kind, latency in timed:
        kinds.setdefault(kind, []).append(latency)
    return {kind: percentiles(latencies) for kind, latencies in sorted(kinds.items())}


def measure(port: int, mix: list[dict]) -> dict:
    latencies: list[float] = []
    timed: list[tuple[str, float]] = []
    errors: list[str] = []
    lock = threading.Lock()
    queue = list(enumerate(mix))

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                if not queue:
                    break
                _n, item = queue.pop()
            params = {key: value for key, value in item.items() if key != "kind"}
            started = time.perf_counter()
            connection.request("GET", "/search/?" + urlencode(params))
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                timed.append((item["kind"], elapsed))
                if response.status != 200:
                    errors.append(f"{response.status} {params}")

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(CONCURRENCY)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "rps": len(latencies) / seconds,
        **percentiles(latencies),
        "errors": errors,
        "kinds": by_kind(timed),
    }


def measure_queries(mix: list[dict]) -> dict:
    """The SQL of a search alone (find(): candidates, ranking, people), in this process."""
    from reader.search.query import Filters, find

    for params in mix[:30]:  # warm up this process's word-form cache
        find(params["q"], Filters())
    timed = []
    for params in mix:
        started = time.perf_counter()
        find(params["q"], Filters())
        timed.append((params["kind"], (time.perf_counter() - started) * 1000))
    return {**percentiles([latency for _kind, latency in timed]), "kinds": by_kind(timed)}


def measure_cpu(mix: list[dict]) -> dict:
    """Python CPU time of a whole results page (view and template), in this process:
    on a busy machine a request waits for a core, this does not."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    for params in mix[:30]:
        client.get("/search/", {k: v for k, v in params.items() if k != "kind"})
    timed = []
    for params in mix:
        started = time.process_time()
        response = client.get("/search/", {k: v for k, v in params.items() if k != "kind"})
        timed.append((params["kind"], (time.process_time() - started) * 1000))
        assert response.status_code == 200, (response.status_code, params)
    return percentiles([cpu for _kind, cpu in timed])


def main() -> None:
    ensure_database()
    manage("migrate", "--noinput")
    import django

    django.setup()
    mix = query_mix(REQUESTS)
    warmup = query_mix(60, seed=9)
    rows = []
    for size in SIZES:
        grow_corpus(size)
        with Gunicorn(PAGE_CACHE_SECONDS="0") as server:
            measure(server.port, warmup)  # connections, PostgreSQL's buffers
            result = measure(server.port, mix)
        result["load"] = os.getloadavg()[0]  # the machine is shared: say how busy it was
        result["find"] = measure_queries(mix)
        result["cpu"] = measure_cpu(mix)
        rows.append((size, result))
        print(
            f"{size}: p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms, "
            f"{result['rps']:.0f} req/s",
            flush=True,
        )
        for error in result["errors"][:5]:
            print("  error:", error)
    print()
    print(
        f"{REQUESTS} searches of the mix per size, {CONCURRENCY} at a time, "
        "gunicorn --workers 2, PostgreSQL on the same machine"
    )
    print()
    print(
        "| interviews | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors | load "
        "| find() p50 | find() p99 | page CPU p50 | page CPU p99 |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, r in rows:
        print(
            f"| {size:,} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p90']:.1f} | {r['p99']:.1f} "
            f"| {r['max']:.0f} | {len(r['errors'])} | {r['load']:.1f} "
            f"| {r['find']['p50']:.1f} | {r['find']['p99']:.1f} "
            f"| {r['cpu']['p50']:.1f} | {r['cpu']['p99']:.1f} |"
        )
    print()
    print("| interviews | query | share | HTTP p50 ms | HTTP p99 ms | find() p50 | find() p99 |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for size, r in rows:
        for kind, served in r["kinds"].items():
            share = sum(1 for params in mix if params["kind"] == kind) / len(mix)
            alone = r["find"]["kinds"][kind]
            print(
                f"| {size:,} | {kind} | {share:.0%} | {served['p50']:.1f} | {served['p99']:.1f} "
                f"| {alone['p50']:.1f} | {alone['p99']:.1f} |"
            )


if __name__ == "__main__":
    main()
