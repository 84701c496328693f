"""A synthetic newsroom for benchmarks and tests: `manage.py generate_corpus --articles N`.

What makes it realistic enough to measure related articles on:
  * stories: articles come in story threads (a few to a few dozen articles over months),
    which share the story's own names (a place, a company), its topics and its people;
  * topics with a long tail: topic popularity follows Zipf's law, so a few topics are on a
    large share of the articles and most are on a handful;
  * recurring people: interviewees recur within a story and, Zipf-like, across stories;
    a small staff of interviewers appears everywhere;
  * Russian and English text (about four articles in five Russian), words drawn Zipf-like
    from a general vocabulary and from the story's domain;
  * publication dates spread over the years before today.

How it is fast (100,000 articles in minutes, not hours): pages are not created one by one
through treebeard and Wagtail, which costs several queries and a revision each. Instead the
tree paths are computed here (the section's next free child paths, `Page._get_path`), the
wagtailcore_page rows are bulk-created, the InterviewPage rows are inserted beside them with
one executemany per batch (Django's bulk_create refuses multi-table models), and people,
tags, page topics, exchange topics and excerpts follow as bulk inserts, then the readers' search
index (reader.search.indexing, as a save writes it). The pages are live and have no
revisions or Wagtail search-index entries; editing one in the admin creates its first
revision.
Run `manage.py relink --all` afterwards to index and link them.

It refuses a database holding interviews it did not write (any with a revision: made in
the admin, imported, or a generated one edited since), so that it cannot publish
nonsense onto a real site; `--alongside-real-content` overrides that, for a copy.
"""

import itertools
import random
import time
import uuid
from bisect import bisect
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page

from interviews.exchange_excerpts import exchange_excerpts
from interviews.models import (
    ExchangeExcerpt,
    ExchangeTopic,
    InterviewIndexPage,
    InterviewPage,
    InterviewPageTag,
    InterviewPerson,
    Person,
)
from interviews.services import NoInterviewSection, interview_section
from interviews.slugs import latin_slug
from reader.search.indexing import index_pages, index_people


def words(text: str) -> list[str]:
    return text.split()


GENERAL_RU = words(
    """
    сейчас рынок страна компания работа проект решение вопрос развитие рост правительство
    регион сектор инвестиции цена план программа система условия государство бизнес
    рынка стране компании работы проекта решения развития роста региона цены планы
    будем можем должны хотим стали начали говорим видим считаем думаем ждём
    важно сложно быстро медленно реально серьёзно главное новый большой новые крупные
    местные частные международные первые последние ближайшие прошлый следующий
    партнёры эксперты специалисты люди жители власти инвесторы потребители
    задача проблема результат ситуация возможность опыт уровень объём спрос предложение
    условиях проектах регионах компаниях планах программе системе партнёров
"""
)
GENERAL_EN = words(
    """
    market country company work project decision growth government region sector
    investment price plan programme system conditions state business partners experts
    people residents authorities investors consumers task problem result situation
    opportunity experience level volume demand supply important difficult quickly slowly
    really serious main new large local private international first last next
    we can must want started see believe expect now today already still again
"""
)
DOMAINS = {
    "energy": (
        "энергетика электростанция сеть мощность мегаватт тариф генерация уголь газ "
        "турбина накопитель ветропарк солнечный выработка подстанция балансирование",
        "energy power plant grid capacity megawatt tariff generation coal gas turbine "
        "storage wind solar output substation balancing",
    ),
    "water": (
        "вода река канал орошение водозабор засуха маловодье сток ледник арык насос "
        "водохранилище полив дренаж засоление",
        "water river canal irrigation intake drought shortage flow glacier pump reservoir "
        "drainage salinity basin",
    ),
    "ports": (
        "порт причал паром контейнер терминал перевалка фарватер судно груз транзит "
        "логистика экспедитор вагон станция склад",
        "port berth ferry container terminal transshipment fairway vessel cargo transit "
        "logistics forwarder wagon station warehouse",
    ),
    "agriculture": (
        "зерно пшеница урожай элеватор фермер поле хлопок скот пастбище удобрение "
        "семена уборка посевная мельница",
        "grain wheat harvest elevator farmer field cotton livestock pasture fertiliser "
        "seeds sowing mill crop",
    ),
    "mining": (
        "месторождение шахта руда добыча медь уран золото карьер обогащение геология "
        "разведка кислота скважина концентрат",
        "deposit mine ore mining copper uranium gold quarry processing geology "
        "exploration acid well concentrate",
    ),
    "finance": (
        "банк кредит ставка инфляция бюджет налог облигации биржа валюта тенге долг "
        "депозит ипотека дефицит",
        "bank credit rate inflation budget tax bonds exchange currency tenge debt "
        "deposit mortgage deficit",
    ),
    "technology": (
        "цифровизация платформа данные приложение стартап программист облако "
        "искусственный интеллект сервис датчик алгоритм связь",
        "digital platform data app startup programmer cloud artificial intelligence "
        "service sensor algorithm network",
    ),
    "health": (
        "больница врач пациент лечение вакцина поликлиника медицина страховка лекарство "
        "диагностика операция эпидемия",
        "hospital doctor patient treatment vaccine clinic medicine insurance drug "
        "diagnostics surgery epidemic",
    ),
    "education": (
        "школа университет студент учитель образование колледж грант экзамен "
        "переобучение профессия выпускник стипендия",
        "school university student teacher education college grant exam retraining "
        "profession graduate scholarship",
    ),
    "environment": (
        "экология выбросы смог загрязнение отходы переработка климат лес заповедник "
        "браконьерство осётр мусор",
        "ecology emissions smog pollution waste recycling climate forest reserve "
        "poaching sturgeon litter",
    ),
}
REGIONS = words(
    "Алматы Астана Шымкент Актау Атырау Караганда Павлодар Костанай Туркестан Тараз "
    "Кызылорда Уральск Семей Ташкент Бишкек Баку Ашхабад Душанбе Мангистау Жезказган"
)
REGIONS_EN = words(
    "Almaty Astana Shymkent Aktau Atyrau Karaganda Pavlodar Kostanay Turkestan Taraz "
    "Kyzylorda Uralsk Semey Tashkent Bishkek Baku Ashgabat Dushanbe Mangystau Zhezkazgan"
)
# The head of the topic distribution; a long tail of narrower topics is made from them.
BASE_TOPICS = [
    "энергетика", "уголь", "ВИЭ", "электросети", "водные ресурсы", "ирригация", "Каспий",
    "порты", "логистика", "транзит", "Средний коридор", "зерно", "экспорт",
    "сельское хозяйство", "горнодобыча", "уран", "медь", "банки", "инфляция", "налоги",
    "бюджет", "цифровизация", "стартапы", "здравоохранение", "образование", "экология",
    "климат", "смог", "рыболовство", "занятость", "инфраструктура", "тарифы", "инвестиции",
]  # fmt: skip
FIRST_NAMES = words(
    "Ерлан Асель Нурлан Гульнара Тимур Дана Марат Айгерим Бахтияр Сауле Ербол Айдар Инна "
    "Арман Алия Ержан Мадина Данияр Жанар Руслан Камила Серик Айжан Олжас Анна Ирина Сергей"
)
SURNAMES = words(
    "Сатпаев Муканов Абенов Абдуллаев Рахимов Оспанов Сейтказиев Жумабаев Исмаилов "
    "Жакупов Кенжебаев Нуржанов Ли Касымов Сарсенов Ахметов Бекову Садыков Ким Иванов "
    "Тулегенов Омаров Искаков Байжанов Есимов Калиев Джаксыбеков Утепов Мусин Жанибеков"
)
SYLLABLES = words("ка ра та жа ну ар ол бе ки ме са ку ты ша ба ле до ри зу ай ер ем ок ал")
SYLLABLES_EN = words("ka ra ta ja nu ar ol be ki me sa ku ty sha ba le do ri zu ay er em ok al")

ZIPF_EXPONENT = 1.05
STAFF_INTERVIEWERS = 25
ARTICLES_PER_STORY = 6  # on average; stories are geometric in length
YEARS_BACK = 8


@dataclass
class Story:
    language: str
    domain: str
    topics: list[str]
    people: list[int]
    names: list[str]  # the story's own rare words: a place, a company
    start: datetime


@dataclass
class Article:
    title: str
    lede: str
    published_at: datetime
    language: str
    topics: list[str]
    exchanges: list[tuple[str, str, list[str]]]  # question, answer (plain), topics
    interviewees: list[int]
    interviewer: int
    story: int = field(default=0)


def zipf_weights(count: int) -> list[float]:
    return list(itertools.accumulate(1 / (rank + 1) ** ZIPF_EXPONENT for rank in range(count)))


class SyntheticNewsroom:
    """Deterministic for a seed: the same seed gives the same articles."""

    def __init__(
        self, articles: int, seed: int = 1, scale: int | None = None, exchanges: float = 4.5
    ):
        """`scale`: size the people and topics as for a corpus of that many articles;
        `exchanges`: how many exchanges an article has on average."""
        self.rng = random.Random(seed)
        self.articles = articles
        # Uniform over [fewest, most], whose middle is `exchanges` (4.5: 3 to 6).
        self.fewest_exchanges = max(1, round(exchanges * 2 / 3))
        self.most_exchanges = max(
            self.fewest_exchanges, round(2 * exchanges) - self.fewest_exchanges
        )
        scale = scale or articles
        self.now = timezone.now().replace(microsecond=0)
        people_count = max(20, scale // 6)
        self.people = [self.person_name() for _ in range(people_count)]
        self.people_weights = zipf_weights(people_count)
        self.topics = self.topic_vocabulary(max(len(BASE_TOPICS), scale // 40))
        self.topic_domains = {topic: self.rng.choice(list(DOMAINS)) for topic in self.topics}
        self.topic_weights = zipf_weights(len(self.topics))
        self.general = {"ru": GENERAL_RU, "en": GENERAL_EN}
        self.general_weights = {lang: zipf_weights(len(w)) for lang, w in self.general.items()}
        self.domain_words = {
            (domain, language): words.split()
            for domain, (russian, english) in DOMAINS.items()
            for language, words in (("ru", russian), ("en", english))
        }

    def person_name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"

    def topic_vocabulary(self, count: int) -> list[str]:
        """The base topics first (the head of the Zipf curve), then a long tail."""
        topics = list(BASE_TOPICS)
        seen = {topic.casefold() for topic in topics}
        while len(topics) < count:
            base = self.rng.choice(BASE_TOPICS)
            candidate = f"{base}: {self.rng.choice(REGIONS)} {self.rng.randint(1, 99)}"
            if candidate.casefold() not in seen:
                seen.add(candidate.casefold())
                topics.append(candidate)
        return topics

    def zipf_choice(self, items, cumulative_weights):
        return items[bisect(cumulative_weights, self.rng.random() * cumulative_weights[-1])]

    def coined_word(self, language: str) -> str:
        syllables = SYLLABLES if language == "ru" else SYLLABLES_EN
        word = "".join(self.rng.choice(syllables) for _ in range(self.rng.randint(2, 4)))
        return word.capitalize()

    def story(self) -> Story:
        language = "ru" if self.rng.random() < 0.8 else "en"
        topics = list(
            dict.fromkeys(
                self.zipf_choice(self.topics, self.topic_weights)
                for _ in range(self.rng.randint(2, 4))
            )
        )
        people = list(
            dict.fromkeys(
                bisect(self.people_weights, self.rng.random() * self.people_weights[-1])
                for _ in range(self.rng.randint(1, 3))
            )
        )
        days_back = self.rng.random() * YEARS_BACK * 365
        return Story(
            language=language,
            domain=self.topic_domains[topics[0]],
            topics=topics,
            people=people,
            names=[self.coined_word(language) for _ in range(self.rng.randint(2, 5))],
            start=self.now - timedelta(days=days_back),
        )

    def sentence(self, story: Story, words: int, end: str) -> str:
        language = story.language
        domain_words = self.domain_words[story.domain, language]
        regions = REGIONS if language == "ru" else REGIONS_EN
        general = self.rng.choices(
            self.general[language], cum_weights=self.general_weights[language], k=words
        )
        picked = []
        for word in general:
            roll = self.rng.random()
            if roll < 0.25:
                word = self.rng.choice(domain_words)
            elif roll < 0.35:
                word = self.rng.choice(story.names)
            elif roll < 0.40:
                word = self.rng.choice(regions)
            picked.append(word)
        text = " ".join(picked)
        return text[0].upper() + text[1:] + end

    def article(self, story: Story, story_number: int) -> Article:
        rng = self.rng
        exchanges = []
        for _ in range(rng.randint(self.fewest_exchanges, self.most_exchanges)):
            question = self.sentence(story, rng.randint(8, 14), "?")
            answer = " ".join(
                self.sentence(story, rng.randint(10, 18), ".") for _ in range(rng.randint(2, 4))
            )
            topics = rng.sample(story.topics, k=min(len(story.topics), rng.randint(0, 2)))
            if rng.random() < 0.15:
                topics.append(self.zipf_choice(self.topics, self.topic_weights))
            exchanges.append((question, answer, list(dict.fromkeys(topics))))
        topics = [topic for topic in story.topics if rng.random() < 0.8] or story.topics[:1]
        if rng.random() < 0.2:  # tagged a little differently from the rest of the story
            topics.append(self.zipf_choice(self.topics, self.topic_weights))
        published_at = min(self.now, story.start + timedelta(days=rng.random() * 240))
        return Article(
            title=self.sentence(story, rng.randint(5, 9), ""),
            lede=self.sentence(story, rng.randint(12, 20), "."),
            published_at=published_at,
            language=story.language,
            topics=list(dict.fromkeys(topics)),
            exchanges=exchanges,
            interviewees=story.people[: rng.randint(1, len(story.people))],
            interviewer=rng.randrange(STAFF_INTERVIEWERS),
            story=story_number,
        )

    def __iter__(self):
        made, story_number = 0, 0
        while made < self.articles:
            story, story_number = self.story(), story_number + 1
            length = 1 + int(self.rng.expovariate(1 / (ARTICLES_PER_STORY - 1)))
            for _ in range(min(length, self.articles - made)):
                yield self.article(story, story_number)
                made += 1


# Writing: bulk paths, no per-page treebeard or Wagtail work.


class CorpusWriter:
    def __init__(self, section: InterviewIndexPage, newsroom: SyntheticNewsroom):
        self.section = section
        self.newsroom = newsroom
        self.content_type = ContentType.objects.get_for_model(InterviewPage)
        self.person_ids = {}  # slug → Person id
        self.tag_ids = {}  # casefolded name → Tag id
        last_child = section.get_last_child()
        self.next_step = Page._str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
        self.serial = Page.objects.count()

    def write(self, articles: list[Article]) -> None:
        with transaction.atomic():
            pages, bodies = self.write_pages(articles)
            self.write_people(articles, pages)
            self.write_topics(articles, pages, bodies)
            self.write_excerpts(articles, pages, bodies)
            Page.objects.filter(pk=self.section.pk).update(numchild=self.next_step - 1)
            # The readers' search index, as a save would have written it.
            index_pages([page.pk for page in pages])

    def write_pages(self, articles: list[Article]) -> tuple[list[Page], list[list[dict]]]:
        section, pages, bodies = self.section, [], []
        for article in articles:
            self.serial += 1
            slug = f"{latin_slug(article.title, 60)}-{self.serial}"
            pages.append(
                Page(
                    title=article.title,
                    draft_title=article.title,
                    slug=slug,
                    content_type=self.content_type,
                    path=Page._get_path(section.path, section.depth + 1, self.next_step),
                    depth=section.depth + 1,
                    numchild=0,
                    url_path=f"{section.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=article.published_at,
                    last_published_at=article.published_at,
                    locale_id=section.locale_id,
                )
            )
            self.next_step += 1
            bodies.append(self.body(article))
        Page.objects.bulk_create(pages)
        self.insert_interview_rows(
            [
                (page.pk, article.lede, "", body)
                for page, article, body in zip(pages, articles, bodies, strict=True)
            ]
        )
        return pages, bodies

    def body(self, article: Article) -> list[dict]:
        body = []
        for question, answer, topics in article.exchanges:
            block_id = str(uuid.UUID(int=self.newsroom.rng.getrandbits(128)))
            # The answer's id from the block's: the corpus stays the same for a given seed.
            answer_id = str(uuid.uuid5(uuid.NAMESPACE_OID, block_id))
            body.append(
                {
                    "type": "exchange",
                    "id": block_id,
                    "value": {
                        "question": question,
                        "asked_by": [],
                        "answers": [
                            {
                                "type": "item",
                                "id": answer_id,
                                "value": {"speaker": None, "text": f"<p>{answer}</p>"},
                            }
                        ],
                        "topics": topics,
                    },
                }
            )
        return body

    def insert_interview_rows(self, rows: list[tuple]) -> None:
        """The InterviewPage half of each page, beside its bulk-created wagtailcore_page row."""
        fields = [InterviewPage._meta.get_field(name) for name in ("page_ptr", "lede", "intro")]
        body = InterviewPage._meta.get_field("body")
        columns = ", ".join(connection.ops.quote_name(f.column) for f in [*fields, body])
        table = connection.ops.quote_name(InterviewPage._meta.db_table)
        prepared = [
            [
                *(
                    f.get_db_prep_save(value, connection)
                    for f, value in zip(fields, row[:3], strict=True)
                ),
                body.get_db_prep_save(body.to_python(row[3]), connection),
            ]
            for row in rows
        ]
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s)", prepared)

    def write_people(self, articles: list[Article], pages: list[Page]) -> None:
        """People by slug (person-N, staff-N), so a second run reuses the first one's."""
        wanted = {f"person-{n}": self.newsroom.people[n] for a in articles for n in a.interviewees}
        wanted |= {f"staff-{a.interviewer}": f"Корреспондент {a.interviewer + 1}" for a in articles}
        missing = wanted.keys() - self.person_ids.keys()
        self.person_ids.update(
            Person.objects.filter(slug__in=missing).values_list("slug", "pk").iterator()
        )
        created = Person.objects.bulk_create(
            Person(name=wanted[slug], slug=slug)
            for slug in sorted(missing - self.person_ids.keys())
        )
        self.person_ids.update((person.slug, person.pk) for person in created)
        index_people(person.pk for person in created)
        appearances = []
        for page, article in zip(pages, articles, strict=True):
            people = [
                (self.person_ids[f"person-{n}"], InterviewPerson.Part.INTERVIEWEE)
                for n in article.interviewees
            ]
            people.append(
                (self.person_ids[f"staff-{article.interviewer}"], InterviewPerson.Part.INTERVIEWER)
            )
            appearances += [
                InterviewPerson(page_id=page.pk, person_id=person_id, part=part, sort_order=order)
                for order, (person_id, part) in enumerate(people)
            ]
        InterviewPerson.objects.bulk_create(appearances)

    def write_topics(self, articles: list[Article], pages: list[Page], bodies) -> None:
        names = {t for a in articles for t in a.topics} | {
            t for a in articles for _q, _a, topics in a.exchanges for t in topics
        }
        missing = {name for name in names if name.casefold() not in self.tag_ids}
        existing = Tag.objects.filter(name__in=missing)
        self.tag_ids.update({tag.name.casefold(): tag.pk for tag in existing})
        new_tags = [
            Tag(name=name, slug=f"{latin_slug(name, 80)}-{len(self.tag_ids) + number}")
            for number, name in enumerate(sorted(missing))
            if name.casefold() not in self.tag_ids
        ]
        self.tag_ids.update(
            {tag.name.casefold(): tag.pk for tag in Tag.objects.bulk_create(new_tags)}
        )

        page_topics, exchange_topics = [], []
        for page, article, body in zip(pages, articles, bodies, strict=True):
            page_topics += [
                InterviewPageTag(content_object_id=page.pk, tag_id=self.tag_ids[t.casefold()])
                for t in article.topics
            ]
            exchange_topics += [
                ExchangeTopic(
                    content_object_id=page.pk,
                    block_id=block["id"],
                    tag_id=self.tag_ids[t.casefold()],
                )
                for block in body
                for t in block["value"]["topics"]
            ]
        InterviewPageTag.objects.bulk_create(page_topics)
        ExchangeTopic.objects.bulk_create(exchange_topics)

    def write_excerpts(self, articles: list[Article], pages: list[Page], bodies) -> None:
        """What the topic and person pages show of each exchange, as a save writes it."""
        ExchangeExcerpt.objects.bulk_create(
            ExchangeExcerpt(page_id=page.pk, **row)
            for page, article, body in zip(pages, articles, bodies, strict=True)
            for row in exchange_excerpts(
                body, [self.person_ids[f"person-{n}"] for n in article.interviewees]
            )
        )


class Command(BaseCommand):
    help = (
        "Create N live synthetic interviews (Russian and English, story threads, Zipf "
        "topics, recurring people, dates over years) for benchmarks. Fast: bulk inserts, "
        "no revisions. Run `relink --all` afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, help="how many to create")
        parser.add_argument("--seed", type=int, default=1, help="same seed, same corpus")
        parser.add_argument("--parent", metavar="SLUG", help="slug of the interview section")
        parser.add_argument("--batch", type=int, default=2000, help="articles per transaction")
        parser.add_argument(
            "--alongside-real-content",
            action="store_true",
            help="write even where interviews not generated by this command exist",
        )
        parser.add_argument(
            "--exchanges", type=float, default=4.5, help="exchanges per article, on average"
        )

    def handle(
        self, *args, articles, seed, parent, batch, exchanges, alongside_real_content, **options
    ):
        if articles < 1:
            raise CommandError("--articles must be at least 1")
        if exchanges < 1:
            raise CommandError("--exchanges must be at least 1")
        try:
            section = interview_section(parent)
        except NoInterviewSection as error:
            raise CommandError(error) from error
        started = time.monotonic()
        try:
            generate_corpus(
                articles,
                section=section,
                seed=seed,
                batch_size=batch,
                exchanges=exchanges,
                log=self.stderr.write,
                alongside_real_content=alongside_real_content,
            )
        except RealContentPresent as error:
            raise CommandError(error) from error
        seconds = time.monotonic() - started
        self.stdout.write(f"Created {articles} articles in {seconds:.1f} s.")


class RealContentPresent(Exception):
    pass


def check_only_generated_content() -> None:
    """Generated interviews have no revisions; any other interview has at least one."""
    real = InterviewPage.objects.filter(latest_revision__isnull=False).count()
    if real:
        raise RealContentPresent(
            f"The database holds {real} interview(s) not made by generate_corpus; it writes "
            "live nonsense pages, so it stops here. Use a database of its own, or pass "
            "--alongside-real-content."
        )


def generate_corpus(
    articles: int,
    *,
    section: InterviewIndexPage | None = None,
    seed: int = 1,
    scale: int | None = None,
    batch_size: int = 2000,
    exchanges: float = 4.5,
    log=None,
    alongside_real_content: bool = False,
) -> SyntheticNewsroom:
    """Create the articles under the section (the first one by default)."""
    if not alongside_real_content:
        check_only_generated_content()
    section = section or interview_section()
    newsroom = SyntheticNewsroom(articles, seed=seed, scale=scale, exchanges=exchanges)
    writer = CorpusWriter(section, newsroom)
    made = 0
    for batch in itertools.batched(newsroom, batch_size, strict=False):
        writer.write(list(batch))
        made += len(batch)
        if log:
            log(f"{made}/{articles} articles")
    return newsroom
