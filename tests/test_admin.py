import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from interviews.importer import MAX_INTERVIEW_BYTES
from interviews.models import ExchangeTopic, InterviewIndexPage, InterviewPage, Person
from tests.factories import DASH_INTERVIEW, make_interview
from tests.import_review import IMPORT_URL, REVIEW_URL, import_as_draft, review_data


class InterviewEditorTests(WagtailPageTestCase):
    def setUp(self):
        self.user = self.login()
        self.section = InterviewIndexPage.objects.get(slug="interviews")
        self.person = Person.objects.create(name="Dana Ross", role="head of grid planning")

    def interview_form(self, title, question_topics="storage"):
        return nested_form_data(
            {
                "title": title,
                "slug": "storage",
                "lede": "Wind farms are connected.",
                "intro": rich_text("<p>Dana Ross explains.</p>"),
                "body": streamfield(
                    [
                        ("section", "Grid"),
                        (
                            "exchange",
                            {
                                "question": "What is the bottleneck?",
                                "asked_by": {"count": 0},
                                "answers": {
                                    "count": 1,
                                    "0": {
                                        "deleted": "",
                                        "order": "0",
                                        "value": {
                                            "speaker": "",
                                            "text": rich_text("<p>Storage.</p>"),
                                        },
                                    },
                                },
                                "topics": question_topics,
                            },
                        ),
                    ]
                ),
                "interview_people": inline_formset(
                    [{"person": self.person.pk, "part": "interviewee"}]
                ),
                "related_choices": inline_formset([]),
                "tags": "energy, grid",
            }
        )

    def test_editor_creates_an_interview_in_the_admin(self):
        self.assertCanCreate(self.section, InterviewPage, self.interview_form("Storage is next"))

        page = InterviewPage.objects.get(title="Storage is next")
        self.assertEqual(page.interviewees, [self.person])
        self.assertEqual(sorted(page.tags.names()), ["energy", "grid"])
        self.assertEqual(page.exchanges[0].topics, ("storage",))

    def test_editor_edits_an_exchange_and_its_topics(self):
        self.assertCanCreate(self.section, InterviewPage, self.interview_form("Storage"))
        page = InterviewPage.objects.get(title="Storage")

        edit_page = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertContains(edit_page, "What is the bottleneck?")
        self.assertContains(edit_page, reverse("interviews_topic_autocomplete"))

        data = self.interview_form("Storage", question_topics='"night tariffs", batteries')
        data["action-publish"] = "publish"
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
        self.assertEqual(response.status_code, 302)

        page.refresh_from_db()
        self.assertTrue(page.live)
        # In the order the editor typed them, not sorted.
        self.assertEqual(page.exchanges[0].topics, ("night tariffs", "batteries"))
        self.assertEqual(
            set(ExchangeTopic.objects.values_list("tag__name", flat=True)),
            {"batteries", "night tariffs"},
        )
        autocomplete = self.client.get(reverse("interviews_topic_autocomplete"), {"term": "night"})
        self.assertIn("night tariffs", autocomplete.content.decode())

    def test_panels_are_grouped_as_an_editor_works(self):
        profile = UserProfile.get_for_user(self.user)
        profile.preferred_language = "en"
        profile.save()
        response = self.client.get(
            reverse("wagtailadmin_pages:add", args=["interviews", "interviewpage", self.section.pk])
        )
        for tab in ["Content", "People and topics", "Related", "Promotion", "Settings"]:
            self.assertContains(response, tab)


@pytest.mark.django_db
def test_import_shows_the_structure_then_creates_a_draft(admin_client, interview_section):
    preview = admin_client.post(
        IMPORT_URL, {"text": DASH_INTERVIEW, "title": "", "section": interview_section.pk}
    )
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Нурлан Серикович, каким был сезон для порта?" in html
    assert "Нурлан Абенов" in html
    assert not InterviewPage.objects.exists(), "the preview creates nothing"

    created = admin_client.post(REVIEW_URL, review_data(preview, title="Рекорд Курыка"))
    page = InterviewPage.objects.get()
    assert created.status_code == 302
    assert created["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert page.title == "Рекорд Курыка" and not page.live
    assert len(page.exchanges) == 2


@pytest.mark.django_db
def test_import_accepts_an_uploaded_file(admin_client, interview_section):
    upload = SimpleUploadedFile("interview.txt", DASH_INTERVIEW.encode(), "text/plain")
    response = import_as_draft(admin_client, {"file": upload, "section": interview_section.pk})
    assert response.status_code == 302
    assert InterviewPage.objects.get().title == "Нурлан Абенов: интервью"


BAD_SUBMISSIONS = {
    "empty paste": ({"text": ""}, "текст интервью пуст"),
    "no q&a": ({"text": "Просто текст.\n\nИ ещё абзац."}, "не найдено ни одного вопроса"),
    "oversized paste": (
        {"text": "- Вопрос?\n\n- Ответ.\n\n" * (MAX_INTERVIEW_BYTES // 20)},
        "слишком большое",
    ),
    "not utf-8 file": (
        {"file": SimpleUploadedFile("x.txt", "Вопрос: кто?".encode("cp1251"))},
        "не в кодировке UTF-8",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("data, message", BAD_SUBMISSIONS.values(), ids=BAD_SUBMISSIONS.keys())
def test_bad_input_is_a_form_error(admin_client, interview_section, data, message):
    response = admin_client.post(IMPORT_URL, {**data, "section": interview_section.pk})
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1 and message.lower() in errors[0].lower()
    assert not InterviewPage.objects.exists()


@pytest.mark.django_db
def test_pasted_html_is_shown_as_text(admin_client, interview_section):
    hostile = DASH_INTERVIEW.replace("Рекордным.", "<script>alert('x')</script> Рекордным.")
    preview = admin_client.post(IMPORT_URL, {"text": hostile, "section": interview_section.pk})
    assert b"<script>alert" not in preview.content
    assert b"&lt;script&gt;alert" in preview.content

    page = make_interview(interview_section, text=hostile, publish=True)
    public = admin_client.get(page.url)
    html = public.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Рекордным." in html


@pytest.mark.django_db
def test_import_needs_permission_to_add_interviews(client, django_user_model, interview_section):
    reader = django_user_model.objects.create_user("reader", password="pw")
    no_page_rights = Group.objects.get(name="Модераторы")  # Wagtail's, with admin access
    no_page_rights.page_permissions.all().delete()
    reader.groups.add(no_page_rights)
    client.force_login(reader)

    response = client.get(IMPORT_URL)

    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert "interviews/import" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_interview_opening_with_a_question_imports_with_warnings(admin_client, interview_section):
    text = (
        "– Where did the first hive come from?\n\n– A neighbour gave it to me.\n\n"
        "– And now?\n\n– Now I keep forty."
    )
    preview = admin_client.post(IMPORT_URL, {"text": text, "section": interview_section.pk})
    assert preview.status_code == 200
    assert "Перед первым вопросом нет лида" in preview.content.decode()

    created = admin_client.post(REVIEW_URL, review_data(preview))
    assert created.status_code == 302
    page = InterviewPage.objects.get()
    assert page.title == "Where did the first hive come from?" and len(page.exchanges) == 2


@pytest.mark.django_db
def test_a_nul_byte_is_a_form_error_of_its_own(admin_client, interview_section):
    upload = SimpleUploadedFile("x.txt", "– Кто?\n\n– Я.".encode("utf-16"))
    response = admin_client.post(IMPORT_URL, {"file": upload, "section": interview_section.pk})
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1 and "NUL" in errors[0]


@pytest.mark.django_db
def test_a_word_file_upload_becomes_a_draft(admin_client, interview_section):
    from tests.importer_sources import QUESTIONS, docx_interview

    # Named .txt on purpose: the kind of file is told by its content.
    upload = SimpleUploadedFile("interview.txt", docx_interview(), "application/octet-stream")
    response = import_as_draft(admin_client, {"file": upload, "section": interview_section.pk})
    assert response.status_code == 302
    page = InterviewPage.objects.get()
    assert page.title == "Honey above the traffic"
    assert [exchange.question for exchange in page.exchanges] == list(QUESTIONS)


@pytest.mark.django_db
def test_a_paste_with_its_html_flavour_keeps_the_bold_questions(admin_client, interview_section):
    from tests.importer_sources import QUESTIONS, google_docs_clipboard

    plain = "Everything on one level, the bold lost."
    preview = admin_client.post(
        IMPORT_URL,
        {"text": plain, "html": google_docs_clipboard(), "section": interview_section.pk},
    )
    assert preview.status_code == 200
    # The review lists the paragraphs the HTML became: the bold ones are the questions.
    rows = list(preview.context["review_form"].rows())
    assert [row["text"] for row in rows if row["role"].value() == "question"] == list(QUESTIONS)


@pytest.mark.django_db
def test_importing_text_already_imported_warns_and_links_to_that_page(
    admin_client, interview_section
):
    import_as_draft(admin_client, {"text": DASH_INTERVIEW, "section": interview_section.pk})
    first = InterviewPage.objects.get()
    # The same interview, re-typed with other spacing and another title.
    again = DASH_INTERVIEW.replace(". ", ".  ")
    preview = admin_client.post(
        IMPORT_URL, {"text": again, "title": "Другой", "section": interview_section.pk}
    )
    html = preview.content.decode()
    assert 'data-testid="already-imported"' in html
    assert reverse("wagtailadmin_pages:edit", args=[first.pk]) in html
