"""The parser on entries of each style: the three examples of the domain notes, and forms books use."""

from __future__ import annotations

from imena.parse import parse
from imena.parse.dates import parse_date
from imena.parse.sentence import articles, penalty, term_years

LABELLED = """Родился в 1894 г., Тамбовская губ., Козловский у., с. Старое Тарбеево; русский; образование начальное;
б/п; колхозник, колхоз "Путь Ленина".. Проживал: Воронежская обл., Мичуринский р-н, с. Старое Тарбеево.
Арестован 11 августа 1937 г.
Приговорен: тройка при УНКВД по Воронежской обл. 29 августа 1937 г., обв.: 58-10 УК РСФСР.
Приговор: ВМН Расстрелян 4 сентября 1937 г.
Реабилитирован 22 мая 1989 г. Прокуратурой Тамбовской обл.
Источник: Книга памяти Тамбовской обл."""

RUNNING = """Кудрявцева Анна Степановна, 1899 г. р., уроженка д. Сосновка Лужского у. Петербургской губ., русская,
беспартийная, уборщица фабрики "Скороход", проживала: Ленинград, Московский пр., д. 12, кв. 4. Арестована
3 октября 1937 г. Особой тройкой УНКВД ЛО 15 ноября 1937 г. приговорена по ст. 58-10 УК РСФСР к ВМН.
Расстреляна в Ленинграде 20 ноября 1937 г."""

TERSE = """Гусев Павел Ильич, род. 1902, Рязанская губ., Спасский у., д. Ижевское, русский, б/п, завод "Серп и молот":
слесарь. Адрес: Москва, ул. Школьная, д. 7, кв. 3. Расстрелян 14.12.1937. Место захоронения: Бутово."""


def test_labelled_lines() -> None:
    r = parse(LABELLED, "a")
    assert r["sex"] == "m"
    assert r["birth"] == {"date": "1894", "place": "Тамбовская губ., Козловский у., с. Старое Тарбеево"}
    assert (r["nationality"], r["education"], r["party"]) == (
        "русский",
        "начальное",
        {"status": "non_party", "text": "б/п"},
    )
    assert r["occupation"] == 'колхозник, колхоз "Путь Ленина"'
    assert r["residence"] == "Воронежская обл., Мичуринский р-н, с. Старое Тарбеево"
    assert r["arrest"] == {"date": "1937-08-11", "by": None}
    assert r["sentence"] == {
        "date": "1937-08-29",
        "body": "тройка при УНКВД по Воронежской обл.",
        "charge": "58-10 УК РСФСР",
        "articles": ["58-10"],
        "penalty": "death",
        "term_years": None,
        "text": "ВМН",
    }
    assert r["execution"] == {"date": "1937-09-04", "place": None}
    assert r["rehabilitation"] == {"date": "1989-05-22", "by": "Прокуратурой Тамбовской обл."}
    assert r["unparsed"] == "Источник: Книга памяти Тамбовской обл."
    assert r["attribution"]["operation"] == "order_00447"
    assert r["attribution"]["region"] == "Воронежская область"


def test_running_text() -> None:
    r = parse(RUNNING, "b")
    assert r["name"] == {"surname": "Кудрявцева", "given": "Анна", "patronymic": "Степановна"}
    assert r["sex"] == "f"
    assert r["birth"] == {"date": "1899", "place": "д. Сосновка Лужского у. Петербургской губ."}
    assert r["occupation"] == 'уборщица фабрики "Скороход"'
    assert r["sentence"]["body"] == "Особая тройка УНКВД ЛО"
    assert r["sentence"]["charge"] == "ст. 58-10 УК РСФСР"
    assert r["execution"] == {"date": "1937-11-20", "place": "Ленинград"}


def test_terse_list() -> None:
    r = parse(TERSE, "c")
    assert r["birth"]["place"] == "Рязанская губ., Спасский у., д. Ижевское"
    assert r["occupation"] == 'завод "Серп и молот":\nслесарь'
    assert r["residence"] == "Москва, ул. Школьная, д. 7, кв. 3"
    assert r["burial"] == {"place": "Бутово"}
    assert r["sentence"]["penalty"] == "death"


def test_declined_names_in_acts_are_read_in_the_nominative() -> None:
    r = parse("Приговор в отношении Ивановой Марии Петровны, 1890 г. р., осужденной тройкой УНКВД МО 12.10.1937, "
              "приведен в исполнение 15.10.1937.", "d")  # fmt: skip
    assert r["name"] == {"surname": "Иванова", "given": "Мария", "patronymic": "Петровна"}
    assert r["sex"] == "f"
    assert r["sentence"]["body"] == "тройка УНКВД МО"
    assert r["execution"]["date"] == "1937-10-15"


def test_pre_1918_spelling_and_ocr_slips_are_read_and_kept_as_printed() -> None:
    r = parse("Боровъ Иванъ Петровичъ, 1896 г. р., русскій, псаломщикъ. Рассстрелянъ въ г. Вологда 5.02.1938.", "e")
    assert r["name"] == {"surname": "Боровъ", "given": "Иванъ", "patronymic": "Петровичъ"}
    assert r["nationality"] == "русскій" and r["occupation"] == "псаломщикъ"
    assert r["execution"] == {"date": "1938-02-05", "place": "Вологда"}


def test_german_lists() -> None:
    r = parse("Schmidt Johann Heinrichowitsch, geb. 1890 in Mariental, Deutscher. Verhaftet am 12.09.1937. "
              "Am 03.10.1937 zu 10 Jahren Lagerhaft verurteilt. Rehabilitiert am 14.06.1989.", "f")  # fmt: skip
    assert r["name"]["surname"] == "Schmidt" and r["sex"] == "m"
    assert r["birth"] == {"date": "1890", "place": "Mariental"}
    assert r["sentence"]["penalty"] == "camp" and r["sentence"]["term_years"] == 10
    assert r["rehabilitation"]["date"] == "1989-06-14"


def test_dates_keep_the_precision_printed() -> None:
    assert parse_date("в июле 1998 г.") == "1998-07"
    assert parse_date("14.12.1937") == "1937-12-14"
    assert parse_date("в 1931 г.") == "1931"
    assert parse_date("17.08.42") == "1942-08-17"
    assert parse_date("31 июня 1937 г.") is None


def test_articles_penalties_and_terms() -> None:
    assert articles("по ст. 58-2-8-11") == ["58-2", "58-8", "58-11"]
    assert articles("ст. 58 п. 10") == ["58-10"]
    assert articles("58-1а УК РСФСР") == ["58-1а"]
    assert articles("72 УК БССР - А/с агитация") == ["72"]
    assert penalty("ВМН") == "death" and penalty("10 лет ИТЛ") == "camp"
    assert penalty("3 года высылки") == "exile" and penalty("раскулачена") == "special_settlement"
    assert penalty("лишена избирательных прав") == "disenfranchisement"
    assert penalty("дело прекращено") is None
    assert term_years("к 6 месяцам") == 0.5


def test_impossible_dates_are_warned_about() -> None:
    r = parse("Арестован 10 октября 1937 г.\nПриговорен: тройка УНКВД 1 октября 1937 г.", "g")
    assert "sentenced before arrested" in r["warnings"]
