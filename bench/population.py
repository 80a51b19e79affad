"""A fictional Dutch population with planted variants, for the matching benchmark.

Every person is a random combination of common given names and surnames (Faker's nl_NL
lists plus names of Moroccan, Turkish and Somali origin common in Dutch cities), so nobody
here is a real person. Name frequencies follow a Zipf-like curve, as real registers do, so
that common names ("de Jong", "Mohammed") make the blocks as large as they would be.
Everything depends only on the seed: a second run rebuilds the same people.
"""

from __future__ import annotations

import calendar
import itertools
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from faker.providers.person.nl_NL import Provider as DutchNames

from persons.names import fold
from persons.variants import SURNAME_PREFIXES, TRANSLITERATIONS


def seeded(seed: int) -> random.Random:
    """A reproducible generator for fictional data (never for anything secret)."""
    return random.Random(seed)  # noqa: S311 - reproducibility is the point here


def _names(text: str) -> tuple[str, ...]:
    """Names written as one line of text, separated by spaces (single-word names only)."""
    return tuple(text.split())


FIRST_YEAR = 1940
LAST_YEAR = 2012

MOROCCAN_GIVEN = _names(
    "Mohammed Youssef Ahmed Abdelkader Fatima Khadija Aisha Mustafa Ibrahim Ismail Omar Ali "
    "Hamza Bilal Soufiane Said Khalid Yassin Rachid Karim Hassan Abdullah Nadia Samira Naima "
    "Malika Zineb Salma Imane Ikram Meryem Houda Latifa Nora Amine Ayoub Anas Adam Zakaria "
    "Redouan Mehdi Tarik Nordin Mourad Jamal Driss Hicham Noureddine Ilham Sanae Loubna Hanane "
    "Abdelhak Abdelilah Adil Anouar Badr Chaimae Dounia Fouad Ghizlane Hafsa Hajar Hasna "
    "Ilias Jamila Kaoutar Khalil Mounir Najat Nabil Oussama Rajae Saida Sara Sofia Souad "
    "Wafae Walid Yasmina Younes Zakia"
)
TURKISH_GIVEN = _names(
    "Mehmet Mustafa Emre Burak Murat Hakan Serkan Kemal Osman Hüseyin Ömer Yusuf Ayşe Fatma "
    "Elif Zeynep Emine Hatice Merve Büşra Esra Gül Selin Kübra Ebru Cem Can Barış Oğuz Tolga "  # noqa: RUF001 - Turkish dotless i
    "Volkan Erdem Ahmet İbrahim İsmail Hamza Halit Kerim "
    "Ali Aylin Berk Deniz Derya Ece Eda Emel Engin Ferhat Gökhan Hande İlker Kaan Leyla "
    "Melike Nur Onur Özlem Sibel Sinan Tuba Uğur Yasemin Yunus"
)
SOMALI_GIVEN = _names(
    "Abdi Abdirahman Abdullahi Hodan Hibo Ifrah Khadar Warsame Farah Deeqa Sahra Ayaan Nimco "
    "Faadumo Maxamed Muna Ilhan Hamdi Sagal Liban Bashir Guled Mahad Hussein Cumar Xasan "
    "Abdiaziz Abdikarim Amina Asha Bilan Filsan Hamse Idil Istahil Layla Mustafe Naima "
    "Osman Qamar Ubah Yasmin Zamzam"
)
MOROCCAN_SURNAMES = (
    "El Amrani",
    "El Idrissi",
    "Bakkali",
    "Bouzid",
    "El Khattabi",
    "Ait Ahmed",
    "Benali",
    "Ben Ali",
    "El Haddaoui",
    "Ouali",
    "Azzouzi",
    "Boukhari",
    "El Ouardi",
    "Chaouch",
    "Tahiri",
    "Zaoui",
    "Amrani",
    "Belhaj",
    "El Hamdaoui",
    "Ziani",
    "Lahlou",
    "Saidi",
    "El Mansouri",
    "Bennani",
    "Alaoui",
    "Chakir",
    "Essaidi",
    "El Youssfi",
    "Ouahabi",
    "Kaddouri",
    "Meziane",
    "Ghazi",
    "Rahmouni",
    "Belkadi",
    "El Fassi",
    "Naciri",
    "Tounsi",
    "Al Mouden",
    "Bouchtaoui",
    "El Bouazzati",
    "Abdellaoui",
    "Achahbar",
    "Aarab",
    "Akrouh",
    "Amezian",
    "Azarkan",
    "Badou",
    "Bakali",
    "Belarbi",
    "Benaissa",
    "Benbrahim",
    "Bouali",
    "Bouazza",
    "Boudou",
    "Boughaba",
    "Bouhaddou",
    "Boujdaini",
    "Boukhriss",
    "Boutaleb",
    "Chaibi",
    "Chentouf",
    "Dahmani",
    "Daoudi",
    "El Allouchi",
    "El Aissati",
    "El Bakkali",
    "El Baghdadi",
    "El Hamdi",
    "El Harrak",
    "El Kaddouri",
    "El Makhloufi",
    "El Moussaoui",
    "El Ouali",
    "Fadili",
    "Hajji",
    "Hamdaoui",
    "Harchaoui",
    "Idrissi",
    "Jaadar",
    "Kasmi",
    "Khattabi",
    "Laaroussi",
    "Lamrani",
    "Machrouh",
    "Mansouri",
    "Marzouki",
    "Moussaoui",
    "Nachit",
    "Ouarghi",
    "Rifi",
    "Sabri",
    "Salhi",
    "Sebbar",
    "Tahri",
    "Taouil",
    "Yahyaoui",
    "Zaaf",
    "Zeroual",
    "Ait Ouarab",
    "Ben Haddou",
    "Ben Abdeslam",
    "Bensaid",
)
TURKISH_SURNAMES = _names(
    "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç "  # noqa: RUF001 - Turkish dotless i
    "Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Korkmaz Karaca Güneş Aksoy Bulut Tekin Acar "
    "Akın Aktaş Altun Ateş Avcı Aydemir Bayram Bozkurt Coşkun Çakır Çiftçi Demirci Dinç "  # noqa: RUF001 - Turkish dotless i
    "Durmaz Ekinci Eren Erdem Gök Gündoğdu Güler Gürbüz Işık Kahraman Kaplan Karakaya "  # noqa: RUF001 - Turkish dotless i
    "Karakuş Keskin Kocabaş Metin Oral Özer Özgür Sarı Sevim Soylu Taş Temiz Toprak Turan "  # noqa: RUF001 - Turkish dotless i
    "Uçar Uysal Ünal Yavuz Yalçın Yaman Yücel Zengin Akbulut Duman Kılınç Çınar Tunç Yurt"  # noqa: RUF001 - Turkish dotless i
)
SOMALI_SURNAMES = _names(
    "Abdi Hassan Farah Mohamed Omar Warsame Jama Nur Osman Ahmed Hussein Abdullahi Yusuf "
    "Aden Egal Isse Samatar Gedi Dirie Hersi Musse Warfa Guled "
    "Abdillahi Adan Barre Dahir Elmi Fiqi Gaas Haji Ibrahim Ismail Jibril Kahin Mahamud "
    "Mohamud Noor Olow Roble Said Salad Shire Yasin Abdulle Afrah Ali Awale Bile Duale "
    "Galaal"
)

_PREFIX_WORDS = {tuple(fold(prefix).split()) for prefix in SURNAME_PREFIXES}


def _dutch_surnames() -> list[str]:
    """Faker's Dutch surnames that are one word after an optional prefix ("van Dijk")."""
    kept: dict[str, None] = {}
    for name in DutchNames.last_names:
        words = fold(name).split()
        if "," in name or not words or not all(w.isalpha() for w in words):
            continue
        prefix_length = max(
            (len(p) for p in _PREFIX_WORDS if tuple(words[: len(p)]) == p and len(p) < len(words)),
            default=0,
        )
        if len(words) - prefix_length == 1:
            kept[name] = None
    return list(kept)


@dataclass(frozen=True)
class Person:
    given_names: str
    surname_prefix: str
    surname: str
    birth_year: int | None
    birth_month: int | None
    birth_day: int | None
    bsn: str
    municipality: int


class _Pool:
    """Names with Zipf-like weights: the k-th most common has weight 1 / k**exponent."""

    def __init__(self, names: Sequence[str], *, exponent: float, rng: random.Random) -> None:
        self.names = list(dict.fromkeys(names))
        rng.shuffle(self.names)
        weights = [1 / (rank**exponent) for rank in range(1, len(self.names) + 1)]
        self.cumulative = list(itertools.accumulate(weights))

    def pick(self, rng: random.Random) -> str:
        return rng.choices(self.names, cum_weights=self.cumulative)[0]


@dataclass(frozen=True)
class _Origin:
    share: float
    given: _Pool
    surnames: _Pool


class Generator:
    """Draws fictional people; the same seed gives the same people."""

    def __init__(self, *, seed: int, municipalities: int, first_bsn: int = 20_000_000) -> None:
        self.rng = seeded(seed)
        self.municipalities = municipalities
        rng = seeded(seed + 1)  # the pools' order, apart from the people drawn
        dutch_given = [*DutchNames.first_names_male, *DutchNames.first_names_female]
        self.origins = [
            _Origin(
                0.74,
                _Pool(dutch_given, exponent=0.6, rng=rng),
                _Pool(_dutch_surnames(), exponent=0.5, rng=rng),
            ),
            _Origin(
                0.12,
                _Pool(MOROCCAN_GIVEN, exponent=0.6, rng=rng),
                _Pool(MOROCCAN_SURNAMES, exponent=0.5, rng=rng),
            ),
            _Origin(
                0.10,
                _Pool(TURKISH_GIVEN, exponent=0.6, rng=rng),
                _Pool(TURKISH_SURNAMES, exponent=0.5, rng=rng),
            ),
            _Origin(
                0.04,
                _Pool(SOMALI_GIVEN, exponent=0.6, rng=rng),
                _Pool(SOMALI_SURNAMES, exponent=0.5, rng=rng),
            ),
        ]
        self.origin_weights = list(itertools.accumulate(o.share for o in self.origins))
        self._bsn = self._bsn_numbers(first_bsn)

    def _bsn_numbers(self, first: int) -> Iterator[str]:
        """Unique BSNs that pass the eleven test (fictional: drawn in sequence)."""
        for base in range(first, 99_999_999):
            digits = f"{base:08d}"
            total = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True))
            check = total % 11
            if check < 10:
                yield f"{digits}{check}"

    def person(self) -> Person:
        rng = self.rng
        origin = rng.choices(self.origins, cum_weights=self.origin_weights)[0]
        if rng.random() < 0.04:  # mixed families: given name and surname of other origins
            origin = replace(origin, surnames=rng.choice(self.origins).surnames)
        count = rng.choices((1, 2, 3), cum_weights=(55, 90, 100))[0]
        given = " ".join(dict.fromkeys(origin.given.pick(rng) for _ in range(count)))
        prefix, surname = self._surname(origin.surnames.pick(rng))
        year, month, day = self._birth_date()
        if rng.random() < 0.02:
            given, surname = given.upper(), surname.upper()
        bsn = next(self._bsn) if rng.random() < 0.10 else ""
        return Person(
            given, prefix, surname, year, month, day, bsn, rng.randrange(self.municipalities)
        )

    def _surname(self, name: str) -> tuple[str, str]:
        """How the name was entered: prefix apart (mostly), or all in the surname field."""
        words = name.split(" ")
        for size in (2, 1):
            if len(words) > size and tuple(fold(" ".join(words[:size])).split()) in _PREFIX_WORDS:
                prefix, rest = " ".join(words[:size]), " ".join(words[size:])
                draw = self.rng.random()
                if draw < 0.75:
                    return prefix, rest
                if draw < 0.90 or fold(prefix) not in {"el", "al"}:
                    return "", name
                return "", f"{prefix}-{rest}"
        return "", name

    def _birth_date(self) -> tuple[int | None, int | None, int | None]:
        rng = self.rng
        draw = rng.random()
        if draw < 0.01:
            return None, None, None
        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        if draw < 0.06:
            return year, None, None
        month = rng.randint(1, 12)
        if draw < 0.12:
            return year, month, None
        if draw < 0.13:
            return year, 1, 1  # recorded with the 1 January placeholder
        return year, month, rng.randint(1, calendar.monthrange(year, month)[1])


# ---------------------------------------------------------------------------------------
# Planted variants: how a second report about the same person may be written.

_VARIANTS_OF: dict[str, list[str]] = {}
for _canonical, _spellings in TRANSLITERATIONS.items():
    _all = [_canonical, *_spellings]
    for _spelling in _all:
        _VARIANTS_OF[fold(_spelling).replace(" ", "")] = [s for s in _all if s != _spelling]

_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def typo(word: str, rng: random.Random) -> str:
    """One slip of the keyboard: a letter replaced, dropped, doubled or two swapped."""
    letters = list(word)
    position = rng.randrange(1, len(letters) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        letters[position] = rng.choice(_ALPHABET.replace(letters[position].lower(), ""))
    elif kind == 1:
        del letters[position]
    elif kind == 2:
        letters.insert(position, letters[position])
    else:
        letters[position], letters[position + 1] = letters[position + 1], letters[position]
    return "".join(letters)


def _full_date(person: Person) -> bool:
    return person.birth_day is not None and (person.birth_month, person.birth_day) != (1, 1)


def _first_given_transliteration(person: Person, rng: random.Random) -> Person | None:
    names = person.given_names.split(" ")
    options = _VARIANTS_OF.get(fold(names[0]).replace(" ", ""))
    if not options:
        return None
    return replace(person, given_names=" ".join([rng.choice(options), *names[1:]]))


def _given_typo(person: Person, rng: random.Random) -> Person | None:
    names = person.given_names.split(" ")
    if len(names[0]) < 6:
        return None
    return replace(person, given_names=" ".join([typo(names[0], rng), *names[1:]]))


def _surname_typo(person: Person, rng: random.Random) -> Person | None:
    if len(person.surname) < 6 or " " in person.surname or "-" in person.surname:
        return None
    return replace(person, surname=typo(person.surname, rng))


def _prefix_moved(person: Person, rng: random.Random) -> Person | None:
    """The prefix typed into the surname field, or joined to the surname."""
    if not person.surname_prefix:
        return None
    if rng.random() < 0.5:
        return replace(
            person, surname_prefix="", surname=f"{person.surname_prefix} {person.surname}"
        )
    joined = person.surname_prefix.replace(" ", "").replace("'", "") + person.surname.lower()
    return replace(person, surname_prefix="", surname=joined.capitalize())


def _case_and_diacritics(person: Person, rng: random.Random) -> Person | None:
    del rng
    plain = "".join(c for c in fold(person.surname) if c.isalnum() or c == " ")
    return replace(person, surname=plain.upper(), given_names=person.given_names.lower())


def _second_given_missing(person: Person, rng: random.Random) -> Person | None:
    del rng
    names = person.given_names.split(" ")
    if len(names) < 2:
        return None
    return replace(person, given_names=names[0])


def _date_swapped(person: Person, rng: random.Random) -> Person | None:
    del rng
    if not _full_date(person) or person.birth_day is None or person.birth_day > 12:
        return None
    if person.birth_day == person.birth_month:
        return None
    return replace(person, birth_month=person.birth_day, birth_day=person.birth_month)


def _date_placeholder(person: Person, rng: random.Random) -> Person | None:
    del rng
    if not _full_date(person):
        return None
    return replace(person, birth_month=1, birth_day=1)


def _date_year_only(person: Person, rng: random.Random) -> Person | None:
    del rng
    if not _full_date(person):
        return None
    return replace(person, birth_month=None, birth_day=None)


def _date_year_off_by_one(person: Person, rng: random.Random) -> Person | None:
    if not _full_date(person) or person.birth_year is None:
        return None
    year = person.birth_year + rng.choice((-1, 1))
    if (person.birth_month, person.birth_day) == (2, 29):
        return None
    return replace(person, birth_year=year)


def _bsn_other_surname(person: Person, rng: random.Random) -> Person | None:
    """The same BSN under another surname (married name, or a reporter's mistake)."""
    if not person.bsn:
        return None
    return replace(
        person,
        surname=rng.choice(("Jansen", "Bakker", "Kaya", "Bouzid")),
        surname_prefix="",
        birth_year=None,
        birth_month=None,
        birth_day=None,
    )


VARIANTS = {
    "given name transliterated": _first_given_transliteration,
    "given name typo": _given_typo,
    "surname typo": _surname_typo,
    "prefix in surname field or joined": _prefix_moved,
    "case and diacritics": _case_and_diacritics,
    "second given name missing": _second_given_missing,
    "date day/month swapped": _date_swapped,
    "date 1 January placeholder": _date_placeholder,
    "date year only": _date_year_only,
    "date year off by one": _date_year_off_by_one,
    "same BSN, other surname": _bsn_other_surname,
}
# Two slips at once: a name variant and a date variant.
COMBINED = {
    "transliterated + swapped date": (_first_given_transliteration, _date_swapped),
    "prefix moved + year only": (_prefix_moved, _date_year_only),
    "surname typo + placeholder date": (_surname_typo, _date_placeholder),
}


def plant(person: Person, kind: str, rng: random.Random) -> Person | None:
    """The query a second report might make of ``person``; None when the kind does not fit."""
    if kind in VARIANTS:
        return VARIANTS[kind](person, rng)
    name_variant, date_variant = COMBINED[kind]
    first = name_variant(person, rng)
    return date_variant(first, rng) if first is not None else None


def kinds() -> list[str]:
    return [*VARIANTS, *COMBINED]
