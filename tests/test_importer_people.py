"""Who the interviewee is, in the nominative, never a headline fragment or a possessive."""

import pytest

from interviews.importer import Interviewee, parse_interview
from interviews.importer.names import nominative_name


@pytest.fixture(scope="session", autouse=True)
def required_services():
    """Overrides the conftest check: the importer needs no database or browser."""


@pytest.mark.parametrize(
    ("written", "language", "nominative"),
    [
        ("Азера Бадамова", "ru", "Азер Бадамов"),  # a man's name in the genitive
        ("Азером Бадамовым", "ru", "Азер Бадамов"),
        ("Марины Шиловой", "ru", "Марина Шилова"),
        ("Асель Нуровой", "ru", "Асель Нурова"),
        ("Игоря Власова", "ru", "Игорь Власов"),
        ("Ивана Достоевского", "ru", "Иван Достоевский"),
        ("Дана Омарова", "ru", "Дана Омарова"),  # already nominative: a woman's name
        ("Сауле Оспанова", "ru", "Сауле Оспанова"),
        ("Ольга Ким", "ru", "Ольга Ким"),
        ("Әйгерім Сапарованың", "kk", "Әйгерім Сапарова"),  # Kazakh genitive ending
        ("Данияр Омаровқа", "kk", "Данияр Омаров"),  # Kazakh dative ending
        ("Меруерт Төлеуовамен", "kk", "Меруерт Төлеуова"),  # Kazakh instrumental ending
        ("Гүлнар Сейітова", "kk", "Гүлнар Сейітова"),
        ("Jane Doe", "en", "Jane Doe"),
    ],
)
def test_names_are_put_in_the_nominative(written, language, nominative):
    assert nominative_name(written, language) == nominative


def test_a_guest_named_only_in_an_oblique_case_is_found_in_the_nominative():
    text = (
        "Мы поговорили с экономистом Азером Бадамовым о торговле.\n\n"
        "– Господин Бадамов, что изменилось?\n\n– Пошлины.\n\n– А дальше?\n\n– Посмотрим."
    )
    assert parse_interview(text).interviewee.name == "Азер Бадамов"


def test_a_kazakh_guest_with_a_case_ending_is_found_in_the_nominative():
    text = (
        "Тілшіміз дизайнер Әйгерім Сапаровамен сөйлесті.\n\n"
        "– Әйгерім, жұмысыңыз қалай?\n\n– Жақсы.\n\n– Жоспарыңыз қандай?\n\n– Дүкен ашу."
    )
    assert parse_interview(text).interviewee.name == "Әйгерім Сапарова"


def test_a_kazakh_intro_names_the_guest_not_the_journalist_she_spoke_to():
    # The guest (nominative) speaks to the journalist (dative "Бекжанға"); a masthead
    # written in Latin letters right after her name is not part of it.
    with_masthead = parse_interview(
        "Биолог Дина Мұратова Newsroom тілшісі Арман Бекжанға итбалықтар туралы айтып берді.\n\n"
        "– Дина, итбалықтар неге азайды?\n\n– Мұз азайды.\n\n– Енді не істеу керек?\n\n"
        "– Кемелерді баяулату."
    )
    assert with_masthead.interviewee.name == "Дина Мұратова"

    no_address = parse_interview(
        "Сарапшы Дина Мұратова тілшіміз Арман Бекжанға порттар туралы айтып берді.\n\n"
        "– Порттар неге тайыздады?\n\n– Теңіз тартылып жатыр.\n\n– Не істеу керек?\n\n"
        "– Түбін тереңдету."
    )
    assert no_address.interviewee.name == "Дина Мұратова"

    journalist_first = parse_interview(
        "Журналист Арман Бекжанға сарапшы Дина Мұратова порттар туралы айтып берді.\n\n"
        "– Порттар неге тайыздады?\n\n– Теңіз тартылып жатыр.\n\n– Не істеу керек?\n\n"
        "– Түбін тереңдету."
    )
    assert journalist_first.interviewee == Interviewee("Дина Мұратова", "сарапшы")

    two_hosts = parse_interview(
        "Жүргізушілер Дана Ермек пен Тимур Хале инженер Марат Сейітовпен сөйлесті.\n\n"
        "Дана Ермек: Марат, көпір қашан ашылады?\n\nМарат Сейітов: Көктемде.\n\n"
        "Тимур Хале: Кім төлейді?\n\nМарат Сейітов: Қала.\n\n"
        "Дана Ермек: Ақылы ма?\n\nМарат Сейітов: Жоқ.\n\n"
        "Тимур Хале: Рақмет!\n\nМарат Сейітов: Сізге де."
    )
    assert two_hosts.interviewee == Interviewee("Марат Сейітов", "инженер")

    sentence_start = parse_interview(
        "Кітапхана директоры Гүлмира Оспанова тілшімізге жоспарлары туралы айтты.\n\n"
        "Сұрақ: Гүлмира ханым, кітапхана қашан ашылды?\n\nЖауап: Өткен айда.\n\n"
        "Сұрақ: Не көп оқылады?\n\nЖауап: Тарих."
    )
    assert sentence_start.interviewee == Interviewee("Гүлмира Оспанова", "кітапхана директоры")


def test_never_a_possessive_nor_a_headline_fragment():
    possessive = parse_interview(
        "Donald Trump Interviewed: The Full Transcript\n\n"
        "President Donald Trump's aides said the talk would be short.\n\n"
        "Q: Why now?\n\nA: Because.\n\nQ: And?\n\nA: Done."
    )
    assert possessive.interviewee.name == "Donald Trump"

    headline_only = parse_interview(
        "Trump Interviewed On Trade\n\nThe former president spoke by phone.\n\n"
        "– Why tariffs?\n\n– They work.\n\n– Always?\n\n– Mostly."
    )
    assert headline_only.interviewee is None


def test_a_role_noun_before_the_name_is_the_role():
    parsed = parse_interview(
        "Сыровар Айдар Мусин рассказал о деле.\n\n– Как начали?\n\n– С козы.\n\n"
        "– А дальше?\n\n– Ферма."
    )
    assert (parsed.interviewee.name, parsed.interviewee.role) == ("Айдар Мусин", "сыровар")


@pytest.mark.parametrize("host", ["Ведущий", "Ольга Ким"])
def test_a_round_table_where_each_guest_answers_once(host):
    """Guests listed in one sentence each keep their own role, and each answer is theirs."""
    parsed = parse_interview(
        "В разговоре участвовали агроном Дарья Лисина, директор элеватора Павел Орлов "
        "и фермер Ержан Садыков.\n\n"
        f"{host}: Дарья, каким будет урожай?\n\nДарья Лисина: Средним.\n\n"
        f"{host}: Павел, хватит ли мест?\n\nПавел Орлов: Хватит.\n\n"
        f"{host}: Ержан, а цены?\n\nЕржан Садыков: Низкие."
    )
    assert [(guest.name, guest.role) for guest in parsed.interviewees] == [
        ("Дарья Лисина", "агроном"),
        ("Павел Орлов", "директор элеватора"),
        ("Ержан Садыков", "фермер"),
    ]
    assert [(e.answers[0].speaker, e.answers[0].text) for e in parsed.exchanges] == [
        ("Дарья Лисина", ("Средним.",)),
        ("Павел Орлов", ("Хватит.",)),
        ("Ержан Садыков", ("Низкие.",)),
    ]


def test_an_english_byline_under_the_headline_and_a_role_set_off_by_commas():
    parsed = parse_interview(
        "Why the ferries run late\n\nThe port is busy. We asked the man in charge.\n\n"
        "By Ruth Mayer\n\nThe Caspian Line runs nine ferries. Its operations director, "
        "Timur Baikenov, has worked at sea for twenty years.\n\n"
        "Q. Why are the ferries late?\n\nA. The berths are full.\n\n"
        "Q. When will it change?\n\nA. Next year."
    )
    assert parsed.byline == "By Ruth Mayer"
    assert parsed.intro == (
        "The Caspian Line runs nine ferries. Its operations director, Timur Baikenov, "
        "has worked at sea for twenty years.",
    )
    assert parsed.interviewee == Interviewee("Timur Baikenov", "operations director")


def test_a_radio_transcripts_time_codes_do_not_hide_its_speakers():
    parsed = parse_interview(
        "Эфир от 4 марта.\n\n"
        "[00:00:12] ВЕДУЩИЙ: У нас в студии гидролог Марат Жумагулов. Что с Балхашем?\n\n"
        "[00:00:25] ЖУМАГУЛОВ: Уровень падает.\n\n"
        "[00:01:10] ВЕДУЩАЯ: Почему?\n\n"
        "[00:01:14] ЖУМАГУЛОВ: Воды меньше.\n\n"
        "12:30 — обед. [00:02:03] ВЕДУЩИЙ: Что делать?\n\n"
        "[00:02:07] ЖУМАГУЛОВ: Договариваться."
    )
    assert parsed.interviewee == Interviewee("Марат Жумагулов", "гидролог")
    assert [exchange.answer for exchange in parsed.exchanges] == [
        ("Уровень падает.",),
        ("Воды меньше.", "12:30 — обед. [00:02:03] ВЕДУЩИЙ: Что делать?", "Договариваться."),
    ]


def test_an_honorific_label_does_not_hide_the_full_name_in_the_lede():
    parsed = parse_interview(
        "The lake is back. Dr. Rosa Lind, a freshwater ecologist at Uppsala University, "
        "counts its fish.\n\n"
        "THE DAILY: How many species?\n\nDR. LIND: Fifteen.\n\n"
        "THE DAILY: Since when?\n\nDR. LIND: Since the dam."
    )
    assert parsed.interviewee == Interviewee(
        "Rosa Lind", "freshwater ecologist at Uppsala University"
    )
    assert {answer.speaker for e in parsed.exchanges for answer in e.answers} == {"Rosa Lind"}


@pytest.mark.parametrize(
    "credit",
    [
        "Беседовала Анна Ким",
        "Беседу вела Анна Ким",
        "Интервью провела Анна Ким",
        "Дайындаған: Айгүл Сейітқызы",
        "Сұхбатты жүргізген Айгүл Сейітқызы",
        "As told to Sarah Cole",
        "Reporting by Sarah Cole",
        "Reporting: Sarah Cole, Leeds",
    ],
)
def test_a_closing_credit_is_the_byline_not_the_last_answer(credit):
    parsed = parse_interview(
        "Паромы\n\nЛид.\n\n— Когда откроется линия?\n\n— Весной.\n\n— А зимой?\n\n"
        f"— Зимой нет.\n\nЛёд стоит до марта.\n\n{credit}"
    )
    assert parsed.byline == credit
    assert parsed.exchanges[-1].answer == ("Зимой нет.", "Лёд стоит до марта.")


@pytest.mark.parametrize(
    "sentence", ["Text messages were the problem.", "Автор идеи — мой отец.", "Reporting was hard."]
)
def test_a_last_sentence_that_only_starts_like_a_credit_stays_in_the_answer(sentence):
    parsed = parse_interview(
        f"Паромы\n\nЛид.\n\n— Когда откроется линия?\n\n— Весной.\n\n{sentence}"
    )
    assert parsed.byline is None
    assert parsed.exchanges[-1].answer == ("Весной.", sentence)
