"""An exchange as the body's JSON stores it, read without Wagtail: pure Python.

Search indexing, related-article features and the topic and person pages read the raw
stream (converting it would fetch every chooser's objects page by page); they all read
an exchange through here, as the one `Exchange` (interviews/exchange.py) with person ids
for people and HTML for text, so the stored shape is known in one place:

    {"question": str,
     "asked_by": [{"type": "item", "id": uuid, "value": person id}, ...],
     "answers": [{"type": "item", "id": uuid,
                  "value": {"speaker": person id or null, "text": rich text HTML}}, ...],
     "topics": [name, ...]}

A list item may also be a bare value (Wagtail's older list format); both are read.
"""

from __future__ import annotations

from interviews.exchange import Answer, Exchange


def _list_values(items) -> list:
    """The values of a stored ListBlock, in either of Wagtail's list formats."""
    return [
        item["value"] if isinstance(item, dict) and item.get("type") == "item" else item
        for item in items or []
    ]


def stored_exchange(value: dict, anchor: str = "") -> Exchange[int, str]:
    """The exchange a stored block's value holds: person ids for people, HTML for text.
    `anchor` is the block's id, which the value itself does not hold."""
    return Exchange(
        question=value.get("question") or "",
        asked_by=tuple(pk for pk in _list_values(value.get("asked_by")) if pk is not None),
        answers=tuple(
            Answer(answer.get("speaker"), answer.get("text") or "")
            for answer in _list_values(value.get("answers"))
            if isinstance(answer, dict)
        ),
        topics=tuple(value.get("topics") or ()),
        anchor=anchor,
    )


def answers_html(value: dict) -> str:
    """Every answer's rich text, in order, as one HTML string."""
    return "".join(answer.text for answer in stored_exchange(value).answers)


def exchange_texts(value: dict) -> list[str]:
    """The words of an exchange: its question and each answer's HTML (not ids or topics)."""
    exchange = stored_exchange(value)
    return [exchange.question, *(answer.text for answer in exchange.answers)]
