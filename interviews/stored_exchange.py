"""An exchange as the body's JSON stores it, read without Wagtail: pure Python.

Search indexing, related-article features and the topic and person pages read the raw
stream (converting it would fetch every chooser's objects page by page); they all read
an exchange's answers through here, so the stored shape is known in one place:

    {"question": str,
     "asked_by": [{"type": "item", "id": uuid, "value": person id}, ...],
     "answers": [{"type": "item", "id": uuid,
                  "value": {"speaker": person id or null, "text": rich text HTML}}, ...],
     "topics": [name, ...]}

A list item may also be a bare value (Wagtail's older list format); both are read.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StoredAnswer:
    speaker_id: int | None
    html: str


def list_values(items) -> list:
    """The values of a stored ListBlock, in either of Wagtail's list formats."""
    return [
        item["value"] if isinstance(item, dict) and item.get("type") == "item" else item
        for item in items or []
    ]


def stored_answers(value: dict) -> list[StoredAnswer]:
    return [
        StoredAnswer(answer.get("speaker"), answer.get("text") or "")
        for answer in list_values(value.get("answers"))
        if isinstance(answer, dict)
    ]


def asked_by_ids(value: dict) -> list[int]:
    return [pk for pk in list_values(value.get("asked_by")) if pk is not None]


def answers_html(value: dict) -> str:
    """Every answer's rich text, in order, as one HTML string."""
    return "".join(answer.html for answer in stored_answers(value))


def exchange_texts(value: dict) -> list[str]:
    """The words of an exchange: its question and each answer's HTML (not ids or topics)."""
    return [value.get("question") or "", *(answer.html for answer in stored_answers(value))]
