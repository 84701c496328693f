"""The SQL of one search page, statement by statement, for the queries given.

For each query: how many statements the page runs, their summed EXPLAIN (ANALYZE,
BUFFERS) execution time, and the buffers they touched (shared hit + read: the work done,
which a busy machine does not change), with the slowest statement. VERBOSE=1 prints the
plans. Statements run under SET LOCAL settings are explained with them.

    DEBUG=0 DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench_search \
        .venv/bin/python bench/search_statements.py рынка Сатпаеву "тариф Актау" Сатпаеф
"""

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

client = Client(HTTP_HOST="localhost")
print("| query | statements | execution ms | buffers | slowest statement ms |")
print("|---|---:|---:|---:|---|")
for q in sys.argv[1:]:
    client.get("/search/", {"q": q})
    with CaptureQueriesContext(connection) as ctx:
        client.get("/search/", {"q": q})
    settings = ""  # the SET LOCAL of the statement's transaction, replayed for EXPLAIN
    statements = milliseconds = buffers = 0
    slowest = (0.0, "")
    for item in ctx.captured_queries:
        sql = item["sql"]
        if sql.startswith("SET LOCAL"):  # the candidates, similar words
            settings += sql.replace("SET LOCAL", "SET") + ";"
            continue
        if sql.startswith(("RELEASE SAVEPOINT", "COMMIT")):
            settings = ""
        sql = sql.strip()
        if not sql.lstrip("(").lstrip().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            if settings:
                cursor.execute(settings)
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = [row[0] for row in cursor.fetchall()]
            cursor.execute("RESET enable_seqscan; RESET enable_indexscan; RESET jit")
        statements += 1
        execution = float(re.search(r"Execution Time: ([\d.]+)", plan[-1]).group(1))
        milliseconds += execution
        top = next((line for line in plan if "Buffers:" in line), "")  # the whole plan's
        buffers += sum(int(count) for count in re.findall(r"(?:hit|read)=(\d+)", top))
        if execution > slowest[0]:
            slowest = (execution, " ".join(sql.split())[:60])
        if os.environ.get("VERBOSE"):
            print("\n".join(plan))
    print(
        f"| {q} | {statements} | {milliseconds:.1f} | {buffers} "
        f"| {slowest[0]:.1f} {slowest[1]!r} |",
        flush=True,
    )
print(f"\nload average {os.getloadavg()[0]:.1f}")
