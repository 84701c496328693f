"""Whatever a reader or an editor types, the answer is a 400, a 404 or a clear error, never a
500; and one page with a stray control character breaks no feed (issue 9, findings 8-11)."""

import html
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from taggit.models import Tag

from interviews.models import InterviewPage, Person
from tests.factories import DASH_INTERVIEW, make_interview
from tests.site_helpers import news_site_client

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/interviews/import/"


@pytest.fixture(autouse=True)
def client(settings):
    return news_site_client(settings)


@pytest.fixture
def admin(admin_client, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    return admin_client


@pytest.fixture
def published(interview_section):
    return make_interview(interview_section, title="Рекорд Курыка", topics=["порты"], publish=True)


# --- finding 10: NUL bytes and bad parameters ----------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=%00",
        "/search/?q=порт%00",
        "/search/?page=%00",
        "/api/v2/interviews/?search=%00",
        "/api/v2/pages/?find=%00",
        "/api/v2/interviews/?locale=%00",
        "/topics/%00/",
        "/topics/%00/feed/",
        "/topics/%00/feed/atom/",
        "/people/%00/",
        "/interviews/%00/",
        "/feed/?x=%00",
    ],
)
def test_a_nul_byte_is_a_bad_request_not_a_crash(client, published, url):
    response = client.get(url)
    assert response.status_code in (400, 404), (url, response.status_code)


@pytest.mark.parametrize(
    "query",
    [
        "offset=99999999999999999999",
        "limit=99999999999999999999",
        "offset=-1",
        "search=порт&search_operator=foo",
        "search=порт&search_operator=%00",
        "order=%00",
        "fields=%00",
        "type=%00",
        "child_of=99999999999999999999",
        "id=99999999999999999999",
    ],
)
def test_the_api_never_answers_bad_parameters_with_500(client, published, query):
    for endpoint in ("interviews", "pages", "people", "topics"):
        response = client.get(f"/api/v2/{endpoint}/?{query}")
        assert response.status_code < 500, (endpoint, query, response.status_code)


@pytest.mark.parametrize(
    "query", ["offset=99999999999999999999", "search=порт&search_operator=foo"]
)
def test_the_api_says_which_parameter_is_wrong(client, published, query):
    for endpoint in ("interviews", "pages"):
        response = client.get(f"/api/v2/{endpoint}/?{query}")
        assert response.status_code == 400, (endpoint, query)
        assert query.split("&")[-1].split("=")[0] in response.json()["message"]


def test_the_api_still_pages_and_searches(client, published):
    assert client.get("/api/v2/interviews/?offset=0&limit=1").status_code == 200
    ok = client.get("/api/v2/interviews/?search=порт&search_operator=and")
    assert ok.status_code == 200


def test_import_command_refuses_a_file_with_a_nul_byte(tmp_path, interview_section):
    source = tmp_path / "broken.txt"
    source.write_bytes(DASH_INTERVIEW.encode().replace("Рекордным".encode(), b"\x00"))
    with pytest.raises(CommandError) as raised:
        call_command("import_interview", str(source))
    assert raised.value.returncode == 2
    assert "NUL" in str(raised.value) and "\n" not in str(raised.value)
    assert not InterviewPage.objects.exists() or InterviewPage.objects.count() == 0


def test_import_command_exits_2_with_one_line_on_a_nul_byte(tmp_path):
    """The real command line, as a desk's script would run it."""
    source = tmp_path / "utf16.txt"
    source.write_bytes(DASH_INTERVIEW.encode("utf-16-le"))
    done = subprocess.run(
        [sys.executable, "manage.py", "import_interview", str(source), "--dry-run"],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "NUL" in done.stderr


def test_admin_import_says_what_is_wrong_with_a_nul_byte(admin, interview_section):
    # UTF-16 without a BOM decodes as "UTF-8" full of NUL bytes.
    upload = SimpleUploadedFile("x.txt", DASH_INTERVIEW.encode("utf-16-le"))
    response = admin.post(IMPORT_URL, {"file": upload, "section": interview_section.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert "NUL" in body
    pasted = admin.post(
        IMPORT_URL,
        {"text": DASH_INTERVIEW.replace("Рекорд", "\x00"), "section": interview_section.pk},
    )
    pasted_body = pasted.content.decode()
    assert "text is empty" not in pasted_body
    assert "errorlist" in pasted_body or "error-message" in pasted_body
    assert not InterviewPage.objects.exists()


# --- finding 8: control characters ---------------------------------------------------


def test_control_characters_are_stripped_on_import(interview_section):
    page = make_interview(
        interview_section,
        text=DASH_INTERVIEW.replace("Порт Курык", "Порт\x01 Курык\x08").replace(
            "Тарифы", "Та\x1fрифы"
        ),
        title="Курык\x0b за год",
        publish=True,
    )
    page = InterviewPage.objects.get(pk=page.pk)
    assert page.title == "Курык за год"
    assert page.lede.startswith("Порт Курык")
    assert "Тарифы" in str(page.body.raw_data)


def test_control_characters_are_stripped_in_the_admin(published):
    page = InterviewPage.objects.get(pk=published.pk)
    page.title = "Рекорд\x01 Курыка"
    page.lede = "Лид\x08 с мусором\x7f и\x9b управляющими"
    page.search_description = "описание\x02"
    page.save_revision().publish()
    page = InterviewPage.objects.get(pk=published.pk)
    assert page.title == "Рекорд Курыка"
    assert page.lede == "Лид с мусором и управляющими"
    assert page.search_description == "описание"


def test_a_person_and_a_topic_lose_their_control_characters(interview_section):
    person = Person(name="Нурлан\x01 Абенов", role="директор\x08")
    person.full_clean(exclude=["slug"])
    person.save()
    assert (person.name, person.role) == ("Нурлан Абенов", "директор")
    tag = Tag.objects.create(name="пор\x01ты")
    assert Tag.objects.get(pk=tag.pk).name == "порты"


def feed_urls(tag_slug):
    return [
        "/feed/",
        "/feed/atom/",
        "/en/feed/",
        f"/topics/{tag_slug}/feed/",
        f"/topics/{tag_slug}/feed/atom/",
    ]


def test_a_control_character_already_stored_breaks_no_feed_or_sitemap(client, published):
    # Rows written before this rule (or behind its back) are cleaned on the way out too.
    InterviewPage.objects.filter(pk=published.pk).update(
        title="Рекорд\x01 Курыка", lede="Лид\x08 с\x0b мусором"
    )
    Tag.objects.filter(name="порты").update(name="пор\x01ты")
    for url in feed_urls(Tag.objects.get().slug):
        response = client.get(url)
        assert response.status_code == 200, url
        feed = feedparser.parse(response.content)
        assert not feed.bozo, (url, feed.get("bozo_exception"))
        assert feed.entries[0].title == "Рекорд Курыка", url
    news = client.get("/news-sitemap.xml")
    assert news.status_code == 200
    ElementTree.fromstring(news.content)  # well-formed
    assert "Рекорд Курыка" in news.content.decode()


# --- finding 9: the lede is plain text ------------------------------------------------


def test_feed_readers_see_the_lede_as_typed(client, interview_section):
    lede = "Цена < 5 $ & рост > 3 %: <b>жирно</b> <script>alert(1)</script> &amp; конец"
    page = make_interview(interview_section, title="Лид с разметкой", publish=True)
    InterviewPage.objects.filter(pk=page.pk).update(lede=lede)
    for url in ("/feed/", "/feed/atom/"):
        entry = feedparser.parse(client.get(url).content).entries[0]
        # A feed description is HTML to a reader: the text must arrive as text, whole,
        # with no markup of its own (feedparser hands over the HTML a reader would render).
        assert entry.summary_detail.type == "text/html", url
        assert html.unescape(entry.summary) == lede, (url, entry.summary)
        assert "<b>" not in entry.summary and "<script" not in entry.summary, url


# --- finding 11: canonical and og:url --------------------------------------------------


def test_canonical_and_og_url_encode_the_query_string(client, interview_section):
    for n in range(13):
        make_interview(interview_section, title=f"Интервью {n}", publish=True)
    response = client.get('/interviews/?page=2&x="><script>&q=a b')
    body = response.content.decode()
    canonical = body.split('rel="canonical" href="')[1].split('"')[0]
    og_url = body.split('property="og:url" content="')[1].split('"')[0]
    assert canonical == og_url == "http://news.example/interviews/?page=2&amp;q=a+b"
    search = client.get("/search/?q=порт%26x%3D1%22%3E")
    canonical = search.content.decode().split('rel="canonical" href="')[1].split('"')[0]
    assert canonical == "http://news.example/search/?q=%D0%BF%D0%BE%D1%80%D1%82%26x%3D1%22%3E"


# --- finding 14: headers ----------------------------------------------------------------


def test_readers_pages_forbid_framing_and_powerful_features(client, published):
    response = client.get(published.url)
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "interest-cohort=()"):
        assert feature in policy


def test_the_admin_may_frame_itself_and_says_so_in_both_headers(admin, published):
    edit = admin.get(f"/admin/pages/{published.pk}/edit/")
    preview = admin.get(f"/admin/pages/{published.pk}/edit/preview/")
    for response in (edit, preview):
        frame_options = response["X-Frame-Options"]
        csp = response["Content-Security-Policy"]
        expected = {"DENY": "frame-ancestors 'none'", "SAMEORIGIN": "frame-ancestors 'self'"}
        assert expected[frame_options] in csp, (frame_options, csp)
        assert "Permissions-Policy" in response
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
