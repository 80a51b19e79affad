"""Curated name data for the identity matcher: surname prefixes and spelling variants.

Data, not logic, so that a reviewer can read every entry. The transliteration table holds
spelling variants of one name only (Arabic, Turkish and Somali names written in the Latin
alphabet in different ways), never nicknames or different names, and never anything that
says where a person comes from: it is only used to decide whether two spellings name the
same given name.
"""

from __future__ import annotations

# Canonical spelling -> spelling variants of the same name. Diacritics, case, hyphens and
# spaces do not matter here: the matcher folds both sides first ("Aïcha" equals "Aicha",
# "Abd el Kader" equals "Abdelkader"). A variant may appear under one canonical name only
# (persons/tests/test_names.py checks that).
TRANSLITERATIONS: dict[str, tuple[str, ...]] = {
    "Mohammed": (
        "Mohamed",
        "Mohammad",
        "Mohamad",
        "Muhammad",
        "Muhammed",
        "Muhamed",
        "Mouhamed",
        "Mouhammed",
        "Mohammet",
        "Mohamet",
        "Maxamed",
    ),
    "Youssef": (
        "Yusuf",
        "Yousef",
        "Yousuf",
        "Yussuf",
        "Yusef",
        "Yousif",
        "Youssouf",
        "Youcef",
        "Joessef",
        "Joesoef",
        "Jusuf",
        "Yossef",
    ),
    "Ahmed": ("Ahmad", "Achmed", "Achmad", "Ahmet", "Axmed"),
    "Abdelkader": (
        "Abdel Kader",
        "Abd el Kader",
        "Abdelkadir",
        "Abdulkadir",
        "Abdul Kadir",
        "Abdelkhader",
        "Abdulqadir",
        "Abdulkader",
        "Cabdulqaadir",
    ),
    "Abdullah": ("Abdallah", "Abdellah", "Abdulla", "Abdoullah", "Abd Allah", "Cabdullaahi"),
    "Fatima": ("Fatimah", "Fatma", "Fatema", "Faatima", "Faadumo"),
    "Khadija": (
        "Khadidja",
        "Khadijah",
        "Kadija",
        "Khadiga",
        "Khadiija",
        "Hadija",
        "Hatice",
        "Xadiija",
    ),
    "Aisha": ("Aicha", "Aischa", "Aysha", "Ayesha", "Aixa", "Ayse", "Caasha"),
    "Hussein": (
        "Hussain",
        "Husein",
        "Hussin",
        "Houssein",
        "Hoessein",
        "Hossein",
        "Husayn",
        "Huseyin",
        "Xuseen",
    ),
    "Hassan": ("Hasan", "Hassane", "Xasan"),
    "Mustafa": ("Moustafa", "Mostafa", "Mustapha", "Moustapha", "Moestafa", "Mustefa"),
    "Ibrahim": ("Ibrahiem", "Ibraheem", "Ibrahem", "Ebrahim", "Brahim", "Ibraahim"),
    "Ismail": ("Ismael", "Ismaiel", "Esmail", "Smail", "Ismaaciil"),
    "Osman": ("Othman", "Otman", "Uthman", "Usman", "Cismaan"),
    "Omar": ("Umar", "Oumar", "Omer", "Cumar"),
    "Ali": ("Aly", "Alee", "Cali"),
    "Hamza": ("Hamzah", "Hamsa", "Hamze"),
    "Bilal": ("Belal", "Bilaal"),
    "Soufiane": ("Sofiane", "Soufian", "Sofian", "Sufian", "Sufyan", "Soufyan", "Soefiane"),
    "Said": ("Saeed", "Saied", "Sait", "Saciid"),
    "Khalid": ("Khaled", "Chalid", "Chaled", "Halit", "Khaalid"),
    "Yassin": ("Yassine", "Yasin", "Yacine", "Jasin", "Yaasiin"),
    "Rachid": ("Rashid", "Rachied", "Rasheed", "Reşit"),
    "Karim": ("Kareem", "Kerim", "Kariem"),
    # A few Dutch spelling variants (not nicknames: Jan is not a variant of Johannes).
    "Catharina": ("Katharina", "Catherina", "Katherina"),
    "Cornelis": ("Kornelis",),
    "Klaas": ("Claas",),
}

# Surname prefixes (tussenvoegsels and articles), folded: lower case, no diacritics, with
# the apostrophe of 't and 's kept. "el", "al", "ben" and "ait" matter for names of Arabic or
# Berber origin, which are written both apart ("El Amrani") and joined ("Elamrani").
SURNAME_PREFIXES: tuple[str, ...] = (
    "van",
    "van de",
    "van der",
    "van den",
    "van het",
    "van 't",
    "de",
    "den",
    "der",
    "het",
    "'t",
    "'s",
    "te",
    "ten",
    "ter",
    "in de",
    "in den",
    "in het",
    "in 't",
    "op de",
    "op den",
    "op het",
    "op 't",
    "op ten",
    "uit de",
    "uit den",
    "uit het",
    "uit 't",
    "aan de",
    "aan den",
    "aan het",
    "aan 't",
    "bij de",
    "onder de",
    "over de",
    "voor de",
    "voor den",
    "von",
    "von der",
    "le",
    "la",
    "du",
    "d'",
    "el",
    "al",
    "ben",
    "bin",
    "ibn",
    "abu",
    "abou",
    "ait",
)

# Arabic articles: "El Amrani" and "Al Amrani" are the same surname written two ways.
ARTICLES: frozenset[str] = frozenset({"el", "al"})
