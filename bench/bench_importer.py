"""How fast the importer parses dense dialogue, and whether it grows linearly.

    .venv/bin/python bench/bench_importer.py

Builds interviews of 128 KB to 1 MB in each turn format (original generated text, no
sample is read), parses each several times and prints the best time per size and format.
Pure Python: no database, no Django settings.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from interviews.importer import MAX_INTERVIEW_BYTES, parse_interview

FORMATS = {
    "dashes": ("– ", "– "),
    "labels": ("Вопрос: ", "Ответ: "),
    "speakers": ("Корреспондент: ", "Айдар Мусин: "),
    "emphasis": ("**", ""),
    "unmarked": ("", ""),
}
ANSWER = "Мы отгрузили больше зерна, чем год назад, и построили два элеватора в области."


def dense_dialogue(style: str, size: int) -> str:
    question_marker, answer_marker = FORMATS[style]
    close = "**" if style == "emphasis" else ""
    parts = ["Лид о сезоне в порту: экономист Айдар Мусин рассказал, что изменилось."]
    number = 0
    while sum(map(len, parts)) * 2 < size:  # Cyrillic: two bytes a letter
        number += 1
        parts.append(f"{question_marker}Что изменилось за сезон номер {number}?{close}")
        parts.append(f"{answer_marker}{ANSWER}")
    return "\n\n".join(parts)


def best_of(runs: int, text: str) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        parse_interview(text)
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    parse_interview(dense_dialogue("dashes", 4096))  # load pymorphy3's dictionary once
    sizes = [MAX_INTERVIEW_BYTES // 8, MAX_INTERVIEW_BYTES // 4, MAX_INTERVIEW_BYTES // 2]
    sizes.append(MAX_INTERVIEW_BYTES - 4096)
    print(f"{'format':<10}" + "".join(f"{size // 1024:>9} KB" for size in sizes))
    for style in FORMATS:
        row = [best_of(3, dense_dialogue(style, size)) for size in sizes]
        print(f"{style:<10}" + "".join(f"{seconds:>10.3f}s" for seconds in row))


if __name__ == "__main__":
    main()
