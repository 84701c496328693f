"""Share cards and answers shared on their own, opened as a crawler opens them."""

import io

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PILImage

from interviews.models import InterviewPage, InterviewPerson
from interviews.share_cards import CARD_SIZE, CardText, draw_card
from tests.factories import make_interview
from tests.site_helpers import news_site_client, person, png_image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def client(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return news_site_client(settings)


@pytest.fixture
def interview(interview_section):
    guest = person("Нурлан Абенов", "nurlan-abenov", role="директор", photo=png_image("Абенов"))
    return make_interview(
        interview_section,
        title="Рекорд Курыка",
        people=[(guest, InterviewPerson.Part.INTERVIEWEE)],
        publish=True,
    )


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    og = {tag["property"]: tag["content"] for tag in html.select("meta[property^='og:']")}
    return html, og


def fetch_image(client, url):
    response = client.get(url.removeprefix("http://news.example"))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "immutable" in response["Cache-Control"]
    return PILImage.open(io.BytesIO(b"".join(response.streaming_content)))


def test_interview_has_its_own_share_card(client, interview):
    _html, og = head(client, interview.url)
    assert og["og:image"].startswith(f"http://news.example/cards/{interview.pk}-")
    card = fetch_image(client, og["og:image"])
    assert card.size == (1200, 630)
    # A second interview gets a different picture.
    other = make_interview(interview.get_parent(), title="Уголь и ветер", publish=True)
    assert head(client, other.url)[1]["og:image"] != og["og:image"]


def test_share_card_is_drawn_again_when_the_headline_changes(client, interview):
    before = head(client, interview.url)[1]["og:image"]
    old = fetch_image(client, before)
    page = InterviewPage.objects.get(pk=interview.pk)
    page.title = "Курык: новый рекорд"
    page.save_revision().publish()
    after = head(client, interview.url)[1]["og:image"]
    assert after != before
    assert fetch_image(client, after).tobytes() != old.tobytes()
    # The old URL, still in some crawler's cache, leads to the current card.
    stale = client.get(before.removeprefix("http://news.example"))
    assert stale.status_code == 302 and stale["Location"] == after.removeprefix(
        "http://news.example"
    )


def test_an_answer_has_its_own_page_quote_and_card(client, interview):
    html, _og = head(client, interview.url)
    first = interview.exchanges[0]
    assert len(first.short_id) == 8
    share = html.select_one(f'[id="{first.short_id}"] a.exchange__share')["href"]
    assert share == f"{interview.url}a/{first.short_id}/"

    answer_html, og = head(client, share)
    assert "Рекордным" in og["og:title"] and "1,2 млн тонн" in og["og:description"]
    assert "Рекордным" in answer_html.title.text
    assert answer_html.select_one("link[rel=canonical]")["href"] == (
        f"http://news.example{interview.url}#{first.short_id}"
    )
    assert og["og:image"] != head(client, interview.url)[1]["og:image"]
    assert fetch_image(client, og["og:image"]).size == (1200, 630)
    # The page itself is the interview, whole.
    assert len(answer_html.select("section.exchange")) == len(interview.exchanges)


def test_unknown_answer_and_drafts_are_not_found(client, interview, interview_section):
    assert client.get(f"{interview.url}a/00000000/").status_code == 404
    draft = make_interview(interview_section, title="Черновик", publish=False)
    short = draft.exchanges[0].short_id
    assert client.get(f"/interviews/{draft.slug}/a/{short}/").status_code == 404
    assert client.get(f"/cards/{draft.pk}-0123456789abcdef.png").status_code == 404


def test_old_full_id_anchors_still_land_on_their_answer(client, interview):
    html, _og = head(client, interview.url)
    first = interview.exchanges[0]
    assert html.find(id=first.anchor).find_parent("section")["id"] == first.short_id
    toc = [a["href"] for a in html.select(".toc a")]
    assert toc[0] == f"#{first.short_id}"


def test_card_key_changes_with_every_drawn_part():
    base = CardText("interview", "Заголовок", "Гость", "роль", "Newsroom")
    keys = {
        base.key(),
        base.key("portrait:1"),
        CardText("interview", "Другой", "Гость", "роль", "Newsroom").key(),
        CardText("answer", "Заголовок", "Гость", "роль", "Newsroom", quote="Цитата").key(),
    }
    assert len(keys) == 4
    assert draw_card(base).size == CARD_SIZE
