"""The stored lists (RelatedLink rows): a page's own, and its place on other pages'."""

from collections import defaultdict

from django.db.models import Q
from django.utils import timezone

from interviews.models import InterviewPage, RelatedChoice, RelatedLink
from interviews.related.scoring import Suggestion

AUTO_LINKS_KEPT = 10  # per page; readers see five, pins first, so there are spares


# Writing the lists.


def _store_lists(suggestions_by_page: dict[int, list[Suggestion]]) -> int:
    """Replace these pages' lists: editors' pins and exclusions, then the best automatic links."""
    page_ids = list(suggestions_by_page)
    choices = defaultdict(dict)  # page → target → kind, in the editors' order; first one wins
    rows = RelatedChoice.objects.filter(page_id__in=page_ids).order_by("page_id", "sort_order")
    for page_id, target_id, kind in rows.values_list("page_id", "target_id", "kind"):
        choices[page_id].setdefault(target_id, kind)
    now = timezone.now()
    links = []
    for page_id, suggestions in suggestions_by_page.items():
        scored = {s.page_id: s for s in suggestions}
        chosen = {target: kind for target, kind in choices[page_id].items() if target != page_id}
        for position, (target_id, kind) in enumerate(chosen.items()):
            suggestion = scored.get(target_id)
            links.append(
                RelatedLink(
                    source_id=page_id,
                    target_id=target_id,
                    kind=kind,
                    sort_order=position,
                    score=suggestion.score if suggestion else 0,
                    reasons=f"{kind} by an editor"
                    + (f"; {suggestion.reasons}" if suggestion and suggestion.reasons else ""),
                    computed_at=now,
                )
            )
        automatic = [s for s in suggestions if s.page_id not in chosen]
        links += [
            RelatedLink(
                source_id=page_id,
                target_id=s.page_id,
                kind=RelatedLink.Kind.AUTO,
                score=s.score,
                reasons=s.reasons,
                computed_at=now,
            )
            for s in automatic[:AUTO_LINKS_KEPT]
        ]
    RelatedLink.objects.filter(source_id__in=page_ids).delete()
    RelatedLink.objects.bulk_create(links)
    return len(links)


def _without_deleted(suggestions_by_page: dict[int, list[Suggestion]]):
    """Drop the pages deleted since they were scored: rows about them would dangle."""
    scored = {s.page_id for suggestions in suggestions_by_page.values() for s in suggestions}
    there = set(InterviewPage.objects.filter(pk__in=scored).values_list("pk", flat=True))
    return {
        page_id: [s for s in suggestions if s.page_id in there]
        for page_id, suggestions in suggestions_by_page.items()
    }


def _update_inbound(page_id: int, suggestions: list[Suggestion]) -> None:
    """Put the page on the lists of the pages it relates to, where it now beats their weakest.

    The score is symmetric, so each suggestion is also the page's score on that page's list.
    Pages that link to it but no longer relate to it lose the link. Editors' choices stand.
    """
    scored = {s.page_id: s for s in suggestions}
    their_links = defaultdict(list)
    rows = RelatedLink.objects.filter(Q(source_id__in=scored) | Q(target_id=page_id)).exclude(
        source_id=page_id
    )
    for link in rows.only("pk", "source_id", "target_id", "kind", "score"):
        their_links[link.source_id].append(link)

    now = timezone.now()
    to_create, to_update, to_delete = [], [], []
    for source_id in sorted(set(scored) | set(their_links)):
        links = their_links[source_id]
        existing = next((link for link in links if link.target_id == page_id), None)
        if existing is not None and existing.kind != RelatedLink.Kind.AUTO:
            continue
        others = sorted(
            (link for link in links if link.kind == RelatedLink.Kind.AUTO and link != existing),
            key=lambda link: -link.score,
        )
        suggestion = scored.get(source_id)
        belongs = suggestion is not None and (
            len(others) < AUTO_LINKS_KEPT or suggestion.score > others[AUTO_LINKS_KEPT - 1].score
        )
        if not belongs:
            if existing is not None:
                to_delete.append(existing.pk)
            continue
        to_delete += [link.pk for link in others[AUTO_LINKS_KEPT - 1 :]]
        if existing is None:
            to_create.append(
                RelatedLink(
                    source_id=source_id,
                    target_id=page_id,
                    kind=RelatedLink.Kind.AUTO,
                    score=suggestion.score,
                    reasons=suggestion.reasons,
                    computed_at=now,
                )
            )
        else:
            existing.score, existing.reasons, existing.computed_at = (
                suggestion.score,
                suggestion.reasons,
                now,
            )
            to_update.append(existing)
    RelatedLink.objects.filter(pk__in=to_delete).delete()
    RelatedLink.objects.bulk_update(to_update, ["score", "reasons", "computed_at"])
    # Another relink may have put the same link there meanwhile: then theirs stands.
    RelatedLink.objects.bulk_create(to_create, ignore_conflicts=True)
