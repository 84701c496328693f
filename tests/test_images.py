"""Lead images and portraits: responsive, prioritised for the first screen, and found by
machines (JSON-LD, feeds, the news sitemap, the API); demo pictures drawn by code."""

import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from PIL import Image as PILImage

from interviews import demo_images
from interviews.models import InterviewPage, InterviewPerson, Person, TopicProfile
from publishing import pipeline
from tests.factories import make_interview
from tests.site_helpers import news_site_client, person, png_image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def client(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return news_site_client(settings)


@pytest.fixture
def illustrated(interview_section):
    guest = person("Нурлан Абенов", "nurlan-abenov", role="директор", photo=png_image("Абенов"))
    page = make_interview(
        interview_section,
        title="Рекорд Курыка",
        topics=["порты"],
        people=[(guest, InterviewPerson.Part.INTERVIEWEE)],
        publish=False,
    )
    page.lead_image = png_image("Причал Курыка")
    page.lead_image_caption = "Причал порта Курык"
    page.lead_image_credit = "Фото: редакция"
    page.save_revision().publish()
    return InterviewPage.objects.get(pk=page.pk)


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_lead_image_is_responsive_modern_and_first_to_load(client, illustrated):
    html = soup(client.get(illustrated.url))
    figure = html.select_one("figure.lead-image")
    sources = {s["type"]: s for s in figure.select("picture source")}
    assert set(sources) == {"image/avif", "image/webp"}
    assert sources["image/avif"]["srcset"].count("w,") == 3  # four widths
    img = figure.select_one("picture img")
    assert ".jpg" in img["src"] and "1600w" in img["srcset"] and img["sizes"]
    assert img["fetchpriority"] == "high" and "loading" not in img.attrs
    assert img["width"] and img["height"]  # no layout shift
    assert "Причал порта Курык" in figure.figcaption.text
    assert "Фото: редакция" in figure.figcaption.text
    portrait = html.select_one(".person-card picture img")
    assert portrait["loading"] == "lazy"


def test_cards_show_the_lead_image_lazily_except_a_listing_lead(client, illustrated):
    second = make_interview(illustrated.get_parent(), title="Второе", publish=False)
    second.lead_image = png_image("Второе")
    second.save_revision().publish()
    for path in ("/", "/interviews/"):
        lead, other = soup(client.get(path)).select(".card picture img")[:2]
        assert lead["fetchpriority"] == "high" and "loading" not in lead.attrs
        assert other["loading"] == "lazy" and "fetchpriority" not in other.attrs
    # A person page's cards are all below its header: all lazy.
    person_page = soup(client.get("/people/nurlan-abenov/"))
    assert person_page.select_one(".card picture img")["loading"] == "lazy"


def test_json_ld_api_feeds_and_news_sitemap_carry_the_lead_image(client, illustrated):
    html = soup(client.get(illustrated.url))
    article = json.loads(html.select_one('script[type="application/ld+json"]').string)
    lead = article["image"][0]
    assert lead.startswith("http://news.example/") and ".fill-1200x675" in lead

    api = client.get(f"/api/v2/interviews/{illustrated.pk}/").json()
    assert api["image"]["url"] == lead
    assert (api["image"]["width"], api["image"]["height"]) == (1200, 675)
    assert api["image"]["credit"] == "Фото: редакция"

    rss = ET.fromstring(client.get("/feed/").content)
    enclosure = rss.find("channel/item/enclosure")
    assert enclosure.get("url") == lead and enclosure.get("type") == "image/jpeg"
    assert int(enclosure.get("length")) > 0
    atom = ET.fromstring(client.get("/feed/atom/").content)
    link = atom.find(
        "{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}link[@rel='enclosure']"
    )
    assert link.get("href") == lead

    news = ET.fromstring(client.get("/news-sitemap.xml").content)
    ns = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "i": "http://www.google.com/schemas/sitemap-image/1.1",
    }
    assert news.find("s:url/i:image/i:loc", ns).text == lead


def test_publishing_makes_the_renditions_so_readers_never_wait_for_one(
    client, illustrated, tmp_path
):
    """What a worker does after a publication: every picture the reader's pages show is
    drawn then, not on the first reader's request (which took seconds on a front page)."""
    topic = illustrated.tags.get()
    TopicProfile.objects.create(tag=topic, description="Порты", image=png_image("Порты"))
    rendition_model = illustrated.lead_image.get_rendition_model()
    assert not rendition_model.objects.exists()
    pipeline.run(illustrated.pk)
    made = rendition_model.objects.count()
    # Lead image, portrait and topic image, each in AVIF, WebP and JPEG and several sizes.
    assert made > 40
    assert len(list((tmp_path / "share-cards").glob("*.png"))) == 1  # the share card too
    pages = ["/", "/interviews/", illustrated.url, "/people/nurlan-abenov/", "/people/"]
    for path in [*pages, f"/topics/{topic.slug}/"]:
        soup(client.get(path))
    assert rendition_model.objects.count() == made, "a page drew a rendition itself"
    pipeline.run(illustrated.pk)  # again, as a retried job would: nothing new
    assert rendition_model.objects.count() == made


def test_publishing_draws_no_share_card_for_a_private_interview(client, illustrated, tmp_path):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=illustrated, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    pipeline.run(illustrated.pk)
    assert not list(tmp_path.glob("share-cards/*.png"))


def test_interview_without_lead_image_has_none_anywhere(client, interview_section):
    page = make_interview(interview_section, title="Без картинки", publish=True)
    html = soup(client.get(page.url))
    assert html.select_one("figure.lead-image") is None
    assert client.get(f"/api/v2/interviews/{page.pk}/").json()["image"] is None
    assert ET.fromstring(client.get("/feed/").content).find("channel/item/enclosure") is None


def test_demo_pictures_are_drawn_the_same_way_each_time():
    first = demo_images.lead_picture("kaspiyskie-porty")
    assert first.size == demo_images.LEAD_SIZE
    assert first.tobytes() == demo_images.lead_picture("kaspiyskie-porty").tobytes()
    assert first.tobytes() != demo_images.lead_picture("ugol-i-veter").tobytes()
    portrait = demo_images.portrait_picture("anna", demo_images.initials_of("Анна Ким"))
    assert portrait.size == demo_images.PORTRAIT_SIZE
    assert demo_images.initials_of("Анна Ким") == "АК"
    # Not a flat colour: there is a picture in it.
    assert len(first.resize((32, 18)).getcolors(maxcolors=1000)) > 20


def test_load_demo_gives_every_interview_and_person_a_picture(client, settings):
    call_command("load_demo", "--no-admin", verbosity=0)
    pages = InterviewPage.objects.live()
    assert pages.exists() and not pages.filter(lead_image=None).exists()
    assert not Person.objects.filter(photo=None).exists()
    page = pages.order_by("pk").first()
    with page.lead_image.open_file() as file:
        assert PILImage.open(file).size == demo_images.LEAD_SIZE
    first_published = page.first_published_at
    call_command("load_demo", "--no-admin", verbosity=0)  # again: nothing new
    page.refresh_from_db()
    assert page.first_published_at == first_published
    assert InterviewPage.objects.live().count() == pages.count()
