"""CPU time per request of a Django site's pages, in process: a measure that a loaded
machine disturbs far less than requests per second.

Runs in whichever project's virtualenv and settings it is started with (ours or
bakerydemo's, see docs/performance.md), against its configured database, through
Django's test client (the whole middleware stack, no server). For each path: warm-up
requests, then the process CPU time (user + system; PostgreSQL's own work is in another
process and not counted) and the SQL time Django saw, per request.

    DJANGO_SETTINGS_MODULE=... python bench/cpu_per_request.py / /topics/x/ ...

Options (environment): BENCH_REQUESTS (30), BENCH_WARMUP (5), BENCH_HOST (127.0.0.1).
"""

import os
import sys
import time

sys.path.insert(0, os.getcwd())
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "30"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "5"))
HOST = os.environ.get("BENCH_HOST", "127.0.0.1")


def main(paths: list[str]) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)
    print("| page | CPU ms per request | SQL ms per request | queries |")
    print("|---|---:|---:|---:|")
    for path in paths:
        for _ in range(WARMUP):
            assert client.get(path).status_code == 200, path
        with CaptureQueriesContext(connection) as queries:
            start = time.process_time()
            for _ in range(REQUESTS):
                client.get(path)
            cpu = time.process_time() - start
        sql = sum(float(query["time"]) for query in queries.captured_queries)
        print(
            f"| {path} | {cpu / REQUESTS * 1000:.1f} | {sql / REQUESTS * 1000:.1f} "
            f"| {len(queries.captured_queries) // REQUESTS} |",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
