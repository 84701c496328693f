"""What the topic and person pages show of an exchange, made once when its page is saved.

A listing shows ten answers out of ten different interviews: the question, the first
words of the answers and who gave them. Made per request, that meant reading and parsing
each interview's whole stored body to take one exchange out (most of the largest topic
and person pages' time, docs/performance.md). InterviewPage.save() stores these rows
beside the ExchangeTopic rows, from the body the page row holds (the live version), and
the listings read a page of them in one small query.
"""

from django.utils.text import Truncator
from wagtail.rich_text import get_text_for_indexing

from interviews.stored_exchange import answers_html, stored_exchange

EXCERPT_WORDS = 40


def excerpt_of(html: str) -> str:
    return Truncator(get_text_for_indexing(html)).words(EXCERPT_WORDS)


def exchange_excerpts(raw_body: list, interviewee_ids: list[int]) -> list[dict]:
    """The ExchangeExcerpt fields of each exchange of a stored body, in order.

    Who answered is settled here, as readers are told: on a topic page the exchange's
    recorded speakers, or the interview's guests where no answer records one; on a person
    page each answer's speaker, or the interview's only guest for an answer recorded as
    nobody's.
    """
    sole_guest = interviewee_ids[0] if len(interviewee_ids) == 1 else None
    rows = []
    for item in raw_body:
        if item.get("type") != "exchange" or not item.get("id"):
            continue
        value = item.get("value") or {}
        answers = stored_exchange(value).answers
        recorded = [a.speaker for a in answers if a.speaker is not None]
        rows.append(
            {
                "block_id": item["id"],
                "position": len(rows),
                "question": value.get("question") or "",
                "excerpt": excerpt_of(answers_html(value)),
                "speaker_ids": list(dict.fromkeys(recorded)) or list(interviewee_ids),
                "answers": [
                    [a.speaker if a.speaker is not None else sole_guest, excerpt_of(a.text)]
                    for a in answers
                ],
            }
        )
    return rows
