"""Related articles: the stored lists, the editors' overrides, bad input, cost and shells.

The quality gate (precision@3 on story threads) is in test_related_quality.py.
"""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from interviews import publishing_steps, related
from interviews.importer import parse_interview
from interviews.models import (
    InterviewPage,
    InterviewPerson,
    RelatedChoice,
    RelatedLink,
    RelatedTerm,
    RelatedTermCount,
)
from interviews.related import index as related_index
from interviews.services import create_interview
from newsroom.management.commands.generate_corpus import generate_corpus
from publishing import pipeline
from publishing.tasks import TRANSIENT_ERRORS, run_publishing_job

pytestmark = pytest.mark.django_db

# Three stories: port dredging, wind power, school meals.
DREDGING = (
    "Порт Актау заказал земснаряды: Каспий мелеет, и фарватер нужно углублять.",
    "Дноуглубление фарватера у Актау идёт медленно, земснаряды не успевают за обмелением.",
    "Без дноуглубления суда уходят из Актау недогруженными, фарватер заносит.",
)
WIND = (
    "Ветропарки Жанатаса простаивают: электросети не принимают выработку турбин.",
    "Накопители энергии помогут ветропаркам, турбины перестанут простаивать ночью.",
)
SCHOOL = ("Школьные обеды в Павлодаре стали горячими: столовые получили новые плиты.",)


def interview(*answers: str, lede: str = "") -> str:
    lede = lede or answers[0]
    turns = [f"— Что дальше, {number}?\n\n— {answer}" for number, answer in enumerate(answers)]
    return "\n\n".join([lede, *turns]) + "\n"


def publish(section, title, *answers, topics=(), people=(), days_ago=0, lede=""):
    page = create_interview(
        parse_interview(interview(*answers, lede=lede)),
        title=title,
        section=section,
        topics=list(topics),
        people=[(person, InterviewPerson.Part.INTERVIEWEE) for person in people],
        publish=True,
    )
    published = timezone.now() - timedelta(days=days_ago)
    InterviewPage.objects.filter(pk=page.pk).update(
        first_published_at=published, last_published_at=published
    )
    return page


def choose(page, *choices):
    """An editor pins or excludes related articles and publishes the page."""
    page = InterviewPage.objects.get(pk=page.pk)
    for target, kind in choices:
        page.related_choices.add(RelatedChoice(target=target, kind=kind))
    page.save_revision().publish()
    return page


def shown(page) -> list[str]:
    return [other.title for other in InterviewPage.objects.get(pk=page.pk).related_pages()]


def automatic(page) -> list[str]:
    return [link.target.title for link in RelatedLink.objects.filter(source=page).automatic()]


@pytest.fixture
def dredging(interview_section):
    """A story of four articles on one topic and an unrelated article, all relinked.

    The unrelated one comes first: in a corpus that is all one story, that story's words
    are on every page and say nothing.
    """
    wind = publish(interview_section, "Ветер", *WIND, topics=["ВИЭ"])
    related.relink(wind.pk)
    pages = [
        publish(interview_section, f"Дноуглубление {n}", *DREDGING, topics=["Каспий", "порты"])
        for n in range(4)
    ]
    for page in pages:
        related.relink(page.pk)
    return [*pages, wind]


# The stored list: what readers see.


def test_a_relinked_page_lists_its_story_with_reasons(dredging):
    first, *others, _wind = dredging
    assert set(shown(first)) == {page.title for page in others}
    link = RelatedLink.objects.filter(source=first).automatic().first()
    assert link.reasons.startswith("shares topics: ")
    assert "Актау" in link.reasons and "similar wording" in link.reasons
    assert 0 < link.score <= 1 and link.computed_at is not None


def test_pinned_first_in_editors_order_excluded_never(dredging, interview_section):
    first, _second, third, _fourth, wind = dredging
    school = publish(interview_section, "Обеды", *SCHOOL)
    related.relink(school.pk)
    choose(
        first,
        (school, RelatedChoice.Kind.PINNED),
        (wind, RelatedChoice.Kind.PINNED),
        (third, RelatedChoice.Kind.EXCLUDED),
    )
    related.relink(first.pk)

    assert shown(first)[:2] == ["Обеды", "Ветер"]
    assert "Дноуглубление 2" not in shown(first)
    assert set(shown(first)[2:]) == {"Дноуглубление 1", "Дноуглубление 3"}
    assert RelatedLink.objects.get(source=first, target=third).kind == "excluded"
    pin = RelatedLink.objects.get(source=first, target=school)
    assert pin.reasons == "pinned by an editor"


def test_unpublished_targets_never_shown_and_unlinked(dredging):
    first, second, *_ = dredging
    assert "Дноуглубление 1" in shown(first)

    second.unpublish()
    assert "Дноуглубление 1" not in shown(first)  # hidden at once, before any relink

    pipeline.run(second.pk)  # the post-publish pipeline after an unpublish
    assert not RelatedLink.objects.filter(target=second, kind="auto").exists()
    assert not RelatedLink.objects.filter(source=second).exists()
    assert not RelatedTerm.objects.filter(page_id=second.pk).exists()


def test_pinned_but_unpublished_target_is_hidden(dredging):
    first, *_, wind = dredging
    choose(first, (wind, RelatedChoice.Kind.PINNED))
    related.relink(first.pk)
    assert shown(first)[0] == "Ветер"
    wind.unpublish()
    related.unlink(wind.pk)
    assert "Ветер" not in shown(first)


def test_at_most_five_in_one_query(dredging, interview_section, django_assert_num_queries):
    first, *_, wind = dredging
    school = publish(interview_section, "Обеды", *SCHOOL)
    more_school = publish(interview_section, "Ещё обеды", *SCHOOL)
    choose(first, *[(page, RelatedChoice.Kind.PINNED) for page in (wind, school, more_school)])
    related.relink(first.pk)
    assert RelatedLink.objects.filter(source=first).count() == 6  # three pins, three links

    first = InterviewPage.objects.get(pk=first.pk)
    wind = InterviewPage.objects.get(pk=wind.pk)
    wind.url  # noqa: B018 (Wagtail's site root paths are cached from here on)
    with django_assert_num_queries(1):
        # Everything a link shows, without a query per page.
        links = [(page.title, page.url, page.first_published_at) for page in first.related_pages()]
    assert [title for title, _, _ in links[:3]] == ["Ветер", "Обеды", "Ещё обеды"]
    assert len(links) == 5
    assert links[0][1] == wind.url and links[0][2] == wind.first_published_at


def test_the_interview_page_shows_its_related_articles(dredging, client):
    first = dredging[0]
    response = client.get(first.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="related-articles"' in html
    assert "Дноуглубление 1" in html
    assert f'href="{dredging[1].url}"' in html.split('class="related-articles"')[1]
    assert "Ветер" not in html.split('class="related-articles"')[1]


# Incremental: publishing puts the new page on the older pages' lists.


def test_a_new_article_joins_the_lists_of_older_ones(dredging, interview_section):
    first, second, *_ = dredging
    newest = publish(interview_section, "Земснаряды вышли в море", *DREDGING, topics=["порты"])
    assert "Земснаряды вышли в море" not in automatic(first)

    pipeline.run(newest.pk)  # the post-publish pipeline after a publish

    assert "Земснаряды вышли в море" in automatic(first)
    assert "Земснаряды вышли в море" in automatic(second)
    assert len(automatic(first)) <= related.AUTO_LINKS_KEPT


def test_inbound_links_follow_a_change_of_content(dredging):
    first, second, *_ = dredging
    assert "Дноуглубление 1" in automatic(first)
    # The second article is rewritten into a school story: the others drop it.
    page = InterviewPage.objects.get(pk=second.pk)
    page.body = [("paragraph", "<p>" + SCHOOL[0] + "</p>")]
    page.lede = SCHOOL[0]
    page.title = "Обеды"
    page.tags.set(["школы"])
    page.save_revision().publish()
    related.relink(second.pk)
    assert "Обеды" not in automatic(first)


def test_relink_is_idempotent(dredging):
    first = dredging[0]

    def state():
        links = RelatedLink.objects.order_by("source_id", "target_id")
        return (
            list(links.values_list("source_id", "target_id", "kind", "score", "reasons")),
            sorted(RelatedTermCount.objects.values_list("term", "pages")),
            sorted(RelatedTerm.objects.values_list("page_id", "term", "weight")),
        )

    related.relink(first.pk)  # the counts have grown since its first relink
    before = state()
    related.relink(first.pk)
    assert state() == before
    assert RelatedTermCount.objects.get(term="*").pages == 5


def test_unlink_after_delete_keeps_the_counts_exact(dredging):
    _first, second, *_ = dredging
    pages_with_port = RelatedTermCount.objects.get(term="topic:порты").pages
    second_id = second.pk
    Page.objects.get(pk=second_id).delete()

    related.unlink(second_id)  # the pipeline runs it after the page is gone

    assert RelatedTermCount.objects.get(term="topic:порты").pages == pages_with_port - 1
    assert RelatedTermCount.objects.get(term="*").pages == 4
    assert not RelatedTerm.objects.filter(page_id=second_id).exists()
    related.unlink(second_id)  # twice is harmless
    assert RelatedTermCount.objects.get(term="*").pages == 4


# Bad input.


def test_no_topics_and_a_two_line_body(dredging, interview_section):
    tiny = create_interview(
        parse_interview("Коротко.\n\n— Актау?\n\n— Да.\n"), section=interview_section, publish=True
    )
    assert related.relink(tiny.pk) >= 0
    assert RelatedTerm.objects.filter(page_id=tiny.pk, term__startswith="topic:").count() == 0
    for suggestion in related.related_articles(tiny.pk):
        assert suggestion.score >= related.MIN_SCORE


def test_a_topic_on_every_article_says_nothing(interview_section):
    stories = [*[(DREDGING, "Каспий")] * 3, *[(WIND, "ВИЭ")] * 3]
    pages = [
        publish(interview_section, f"{topic} {n}", *text, topics=["новости", topic])
        for n, (text, topic) in enumerate(stories)
    ]
    lonely = publish(interview_section, "Только новости", *SCHOOL, topics=["новости"])
    for page in [*pages, lonely, *pages, lonely]:  # twice: once the counts have settled
        related.relink(page.pk)

    everywhere = RelatedTermCount.objects.get(term="topic:новости").pages
    assert related.rarity(everywhere, 7) < related.NOISE_RARITY
    assert automatic(lonely) == []  # sharing only "новости" relates it to nothing
    assert all("новости" not in link.reasons for link in RelatedLink.objects.all())
    assert set(automatic(pages[0])) == {"Каспий 1", "Каспий 2"}


def test_a_corpus_of_one(interview_section):
    only = publish(interview_section, "Одна", *DREDGING, topics=["Каспий"])
    assert related.relink(only.pk) == 0
    assert related.related_articles(only.pk) == []
    assert shown(only) == []
    assert RelatedTermCount.objects.get(term="*").pages == 1


def test_a_draft_or_missing_page_is_simply_not_linked(interview_section):
    draft = create_interview(parse_interview(interview(*DREDGING)), section=interview_section)
    assert related.relink(draft.pk) == 0
    assert related.relink(987654) == 0
    assert not RelatedTerm.objects.exists()


def test_a_target_deleted_mid_run(dredging, monkeypatch):
    first, second, *_ = dredging
    score_them = related_index._related_articles_of

    def score_then_lose_one(page_ids, weights):
        scored = score_them(page_ids, weights)
        Page.objects.get(pk=second.pk).delete()  # another editor deletes it meanwhile
        return scored

    monkeypatch.setattr(related_index, "_related_articles_of", score_then_lose_one)
    related.relink(first.pk)

    assert not RelatedLink.objects.filter(target_id=second.pk).exists()
    assert {"Дноуглубление 2", "Дноуглубление 3"} <= set(shown(first))


def test_relink_while_the_page_is_edited(dredging, monkeypatch):
    first, *_, wind = dredging
    # A draft with a pin and a new topic is pending: relink works on the live content.
    editing = InterviewPage.objects.get(pk=first.pk)
    editing.tags.add("черновик")
    editing.related_choices.add(RelatedChoice(target=wind, kind=RelatedChoice.Kind.PINNED))
    draft = editing.save_revision()
    related.relink(first.pk)

    first.refresh_from_db()
    assert first.latest_revision_id == draft.pk and first.has_unpublished_changes
    assert not RelatedTerm.objects.filter(page_id=first.pk, term="topic:черновик").exists()
    assert "Ветер" not in shown(first)

    # The editor publishes while a relink is half-way: the relink overwrites nothing of
    # theirs, and the next relink (the one publishing triggers) applies the new content.
    score_them = related_index._related_articles_of

    def score_while_published(page_ids, weights):
        scored = score_them(page_ids, weights)
        draft.publish()
        return scored

    monkeypatch.setattr(related_index, "_related_articles_of", score_while_published)
    related.relink(first.pk)
    monkeypatch.undo()
    first.refresh_from_db()
    assert "черновик" in first.tags.names() and not first.has_unpublished_changes

    related.relink(first.pk)
    assert shown(first)[0] == "Ветер"
    assert RelatedTerm.objects.filter(page_id=first.pk, term="topic:черновик").exists()


# Cost: the queries of one relink do not grow with the corpus.

# Every statement relink can issue, each at most once: reading the page, rewriting its index
# rows and counts, scoring (features, counts, postings, the candidates' other features, their
# dates), writing its list and the lists that now point at it. None is per candidate.
MAX_RELINK_QUERIES = 23


def test_one_relink_costs_the_same_queries_at_20_and_200_articles(interview_section):
    def queries_of_publishing_one_more(size):
        generate_corpus(size - InterviewPage.objects.count(), seed=size, batch_size=100)
        related.relink_all()
        # Two more articles drawn like the corpus: the second one is timed.
        generate_corpus(2, seed=size + 1, scale=size)
        first, second = InterviewPage.objects.order_by("-pk")[:2][::-1]
        related.relink(first.pk)
        with CaptureQueriesContext(connection) as captured:
            related.relink(second.pk)
        assert RelatedLink.objects.filter(source=second).exists()
        return len(captured.captured_queries)

    at_20 = queries_of_publishing_one_more(20)
    at_200 = queries_of_publishing_one_more(200)
    assert at_20 <= MAX_RELINK_QUERIES and at_200 <= MAX_RELINK_QUERIES


# The pure parts.


def test_words_are_stemmed_in_russian_and_english():
    features = related.word_features(
        [("Порты Каспия: порт Актау и портовые краны. Ports and port cranes.", 1)]
    )
    by_key = {feature.key: feature for feature in features}
    assert {"порт", "port", "crane"} <= by_key.keys()  # порты, порт; ports, port; cranes
    assert by_key["порт"].weight > by_key["crane"].weight
    assert "and" not in by_key
    assert abs(sum(feature.weight for feature in features) - 1) < 1e-9
    assert by_key[related.stem("актау")].label == "Актау"  # editors read words, not stems


def test_the_score_is_symmetric_and_bounded():
    mine = {
        "topic:каспий": related.Feature("topic:каспий", "Каспий", 1.0),
        "порт": related.Feature("порт", "порт", 0.6),
        "земснаряд": related.Feature("земснаряд", "земснаряды", 0.4),
    }
    theirs = {"topic:каспий": 1.0, "порт": 0.2, "земснаряд": 0.8}
    counts = {"*": 100, "script:cyrillic": 100, "topic:каспий": 10, "порт": 30, "земснаряд": 2}
    scorer = related.Scorer(mine, counts, related.BLEND)
    match = related.Match()
    for key, weight in theirs.items():
        scorer.add(match, key, weight)
    mirrored = related.Scorer(
        {key: related.Feature(key, key, weight) for key, weight in theirs.items()},
        counts,
        related.BLEND,
    )
    mirror = related.Match()
    for key, feature in mine.items():
        mirrored.add(mirror, key, feature.weight)
    assert scorer.score(match, 40) == pytest.approx(mirrored.score(mirror, -40))
    assert 0 < scorer.score(match, 4000) < scorer.score(match, 0) <= 1
    assert scorer.reasons(match).startswith("shares topics: Каспий; similar wording: земснаряды")


# The shells: the pipeline step, command, admin.


def test_pipeline_step_is_registered_idempotent_and_retried(dredging):
    first = dredging[0]
    assert publishing_steps.RELATED_LINKS in pipeline.steps()
    assert pipeline.steps()[0] is publishing_steps.RELATED_LINKS  # before caches are purged
    assert related.relink(first.pk) == related.relink(first.pk)
    # A target deleted between scoring and commit: the job is tried again, not failed.
    assert IntegrityError in publishing_steps.RELATED_LINKS.transient
    assert pipeline.TransientStepError in TRANSIENT_ERRORS and run_publishing_job.acks_late


def test_relink_command(dredging, capsys):
    call_command("relink", "--page", str(dredging[0].pk))
    assert "related links" in capsys.readouterr().out
    call_command("relink", "--all")
    captured = capsys.readouterr()
    assert "Relinked 5 live interviews" in captured.out
    assert "index" in captured.err and "link" in captured.err and "ETA" in captured.err


def test_generate_corpus_refuses_a_database_with_real_interviews(interview_section):
    call_command("generate_corpus", "--articles", "3")  # generated content alone: fine
    publish(interview_section, "Настоящее интервью", *DREDGING)
    with pytest.raises(CommandError, match=r"holds 1 interview.*--alongside-real-content"):
        call_command("generate_corpus", "--articles", "3")
    assert InterviewPage.objects.count() == 4
    call_command("generate_corpus", "--articles", "3", "--alongside-real-content")
    assert InterviewPage.objects.count() == 7


def test_generate_corpus_builds_a_valid_tree(interview_section):
    call_command("generate_corpus", "--articles", "60", "--seed", "5")
    pages = InterviewPage.objects.live()
    assert pages.count() == 60
    assert Page.find_problems() == ([], [], [], [], [])
    interview_section.refresh_from_db()
    assert interview_section.get_children().count() == 60
    russian = sum(1 for page in pages if any("а" <= c <= "я" for c in page.lede.lower()))
    assert 30 <= russian < 60  # mostly Russian, some English
    dates = pages.values_list("first_published_at", flat=True)
    assert max(dates) - min(dates) > timedelta(days=365)
    appearances = InterviewPerson.objects.filter(part="interviewee").values_list("person_id")
    assert len(set(appearances)) < len(appearances)  # people recur
    page = pages.first()
    assert page.exchanges and page.exchanges[0].question.endswith("?")
    assert page.exchange_topics.exists() or page.tags.exists()


def test_editor_sees_links_and_recomputes_them(dredging, admin_client):
    first = dredging[0]
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[first.pk]))
    assert edit.status_code == 200
    html = edit.content.decode()
    assert "related_choices-TOTAL_FORMS" in html  # the pins and exclusions
    assert "similar wording" in html  # the automatic links, with their reasons
    recompute_url = reverse("interviews_related_recompute", args=[first.pk])
    assert recompute_url in html

    RelatedLink.objects.filter(source=first).delete()
    assert admin_client.get(recompute_url).status_code == 200
    response = admin_client.post(recompute_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[first.pk])
    assert RelatedLink.objects.filter(source=first).count() == 3


def test_recompute_needs_edit_permission(dredging, client, django_user_model):
    RelatedLink.objects.all().delete()
    user = django_user_model.objects.create_user("reader", password="x")
    client.force_login(user)
    url = reverse("interviews_related_recompute", args=[dredging[0].pk])
    assert client.post(url).status_code in {302, 403}  # to the login, or refused
    assert not RelatedLink.objects.exists()
