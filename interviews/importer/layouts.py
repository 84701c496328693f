"""Layouts that spread one turn marker over several lines, rewritten into one line.

Sites and transcripts write a speaker's label on a line of its own, then a line holding
only a dash, then the text; or a label before a dash paragraph; or the label ending in a
full stop ("Игорь Власов. Никак."); or a time code before each turn. Each is rewritten
into the one form the formats read ("Игорь Власов: – Никак."), so the rest of the parser
sees one shape. Only markers change (time codes are dropped): no text is added or lost.
"""

from __future__ import annotations

import re
from collections import Counter

from interviews.importer.markers import match_speaker_label

_DASHES = "-–—―−‒"
_DASH_ONLY = re.compile(rf"[{_DASHES}]+")
# A label standing alone: one to four capitalised words (initials, "А.СОЛОМИН", a role
# after a comma), optionally ending in a colon. No sentence inside it.
_NAME_WORD = r"[^\W\d_](?:[^\W\d_]|[.’'-](?=[^\W\d_]))*\.?"
_DETACHED_LABEL = re.compile(
    rf"(?:\*\*|__)?(?P<label>{_NAME_WORD}(?: {_NAME_WORD}){{0,3}}(?:, [^:,.!?]{{1,40}})?)"
    rf"(?P<colon>:)?(?:\*\*|__)?"
)
_MAX_LABEL_CHARS = 60
# "Игорь Власов. Никак.": a name (two or three words, or a single surname) and a full stop.
_FULL_STOP_LABEL = re.compile(
    r"(?P<label>[^\W\d_][^\W\d_’'-]+(?: [^\W\d_][^\W\d_’'-]+){0,2})\. (?=\S)"
)
_MIN_FULL_STOP_TURNS = 4
_MIN_LABELLED_SHARE = 0.4


def _is_capitalised(label: str) -> bool:
    return all(word[0].isupper() and len(word) >= 2 for word in label.split())


def rewrite_layouts(lines: list[str]) -> list[str]:
    return _full_stop_labels(_detached_labels(_dash_only_lines(_without_timestamps(lines))))


# "[00:01:14] ЖУМАГУЛОВ: …", "(12:03) Ведущий: …", "00:01:14 – …": a transcript's time codes,
# in brackets or with seconds, so "12:30 — обед" is no time code.
_TIMESTAMP = re.compile(r"(?:[\[(](?:\d{1,2}:)?\d{1,2}:\d{2}[\])]|\d{1,2}:\d{2}:\d{2})\s+(?=\S)")
_MIN_TIMESTAMPED_LINES = 2


def _without_timestamps(lines: list[str]) -> list[str]:
    """A time code before a turn (a speaker label or a dash) is dropped: it hides the turn's
    marker, and a reader of the interview has no use for it. Only where they recur."""
    rests = [line[match.end() :] if (match := _TIMESTAMP.match(line)) else None for line in lines]
    turns = [
        rest if rest is not None and (match_speaker_label(rest) or _opens_with_dash(rest)) else None
        for rest in rests
    ]
    if sum(turn is not None for turn in turns) < _MIN_TIMESTAMPED_LINES:
        return lines
    return [line if turn is None else turn for line, turn in zip(lines, turns, strict=True)]


def _is_dash_only(line: str) -> bool:
    return bool(_DASH_ONLY.fullmatch(line))


def _next_filled(lines: list[str], index: int) -> int | None:
    for position in range(index + 1, len(lines)):
        if lines[position]:
            return position
    return None


def _dash_only_lines(lines: list[str]) -> list[str]:
    """A line holding only a dash opens the turn of the next line: "―" / "Текст" -> "― Текст"."""
    joins = {}
    for index, line in enumerate(lines):
        following = _next_filled(lines, index) if _is_dash_only(line) else None
        if following is not None and not _is_dash_only(lines[following]):
            joins[index] = (following, f"{line[0]} {lines[following]}")
    return _joined(lines, joins)


def _joined(lines: list[str], joins: dict[int, tuple[int, str]]) -> list[str]:
    """`lines` with each join applied: the line at a key, the blank lines after it and the
    line it names become the one line given. Joins never overlap (a joined line is filled
    and is no key)."""
    if not joins:
        return lines
    rewritten: list[str] = []
    skip_to = -1
    for index, line in enumerate(lines):
        if index <= skip_to:
            continue
        if index in joins:
            skip_to, joined = joins[index]
            rewritten.append(joined)
        else:
            rewritten.append(line)
    return rewritten


def _detached_label(line: str) -> tuple[str, bool] | None:
    if not line or len(line) > _MAX_LABEL_CHARS:
        return None
    match = _DETACHED_LABEL.fullmatch(line)
    if match is None:
        return None
    label = match["label"]
    if not all(word[0].isupper() for word in label.split(",")[0].split()):
        return None
    return label, bool(match["colon"])


def _looks_like_a_name(label: str) -> bool:
    """ "Анна Ли", "А.СОЛОМИН", "М.Ш.", "BLOOMBERG": not a lone ordinary word ("Это")."""
    name = label.split(",")[0]
    words = name.split()
    letters = [char for char in name if char.isalpha()]
    return len(words) >= 2 or "." in name or (len(letters) >= 2 and all(map(str.isupper, letters)))


def _opens_with_dash(line: str) -> bool:
    return len(line) > 1 and line[0] in _DASHES and not _is_dash_only(line)


def _detached_labels(lines: list[str]) -> list[str]:
    """ "Name:" on its own line, or a recurring "Name" line before a dash turn, labels the
    turn that follows: "Name" / "– Текст" -> "Name: – Текст"."""
    candidates: list[tuple[int, int, str, bool]] = []
    for index, line in enumerate(lines):
        label = _detached_label(line)
        following = _next_filled(lines, index) if label else None
        if (
            label is None
            or following is None
            or _detached_label(lines[following])
            or match_speaker_label(lines[following])  # it carries its own label
        ):
            continue
        name, has_colon = label
        if has_colon or _opens_with_dash(lines[following]):
            candidates.append((index, following, name, has_colon))
    counts = Counter(name for _, _, name, _ in candidates)
    recurring = {name for name, count in counts.items() if count >= 2 and _looks_like_a_name(name)}
    # A heading before a dash question does not recur and is not a name; speakers do and
    # are, and in a transcript there are at least two of them.
    if len(recurring) < 2:
        recurring = set()
    joins = {
        index: (following, f"{name}: {lines[following]}")
        for index, following, name, has_colon in candidates
        if has_colon or name in recurring
    }
    return _joined(lines, joins)


def _full_stop_labels(lines: list[str]) -> list[str]:
    """ "Игорь Власов. Никак." -> "Игорь Власов: Никак." where such labels recur for at
    least two speakers; a single sentence starting "Москва. Утро." does not."""
    labels = [match["label"] if (match := _FULL_STOP_LABEL.match(line)) else None for line in lines]
    counts = Counter(label for label in labels if label and _is_capitalised(label))
    speakers = {label for label, count in counts.items() if count >= 2}
    labelled = sum(counts[label] for label in speakers)
    # A transcript labels (nearly) every turn; prose only happens to repeat an opening.
    if (
        len(speakers) < 2
        or labelled < _MIN_FULL_STOP_TURNS
        or labelled < _MIN_LABELLED_SHARE * sum(1 for line in lines if line)
    ):
        return lines
    return [
        f"{label}: {line[len(label) + 2 :]}" if label in speakers else line
        for line, label in zip(lines, labels, strict=True)
    ]
