"""Name lists for the held-out matching evaluation (``bench.held_out``), kept apart from the
matcher's own tables on purpose: nothing here is read from ``persons/``, so that the
evaluation does not share the matcher's idea of which spellings belong together.

Lists of common names are ordered from common to rare (the generator gives the first the
largest share); they are names, not people. Transliteration families are written from how
these names appear in Dutch registers (Dutch "oe" for u, French "ou", Somali "x" and "c",
German "oe" for ö), not from the matcher's variant table.
"""

from __future__ import annotations


def words(text: str) -> tuple[str, ...]:
    """Single-word names written as one line of text."""
    return tuple(text.split())


def listed(text: str) -> tuple[str, ...]:
    """Names that may have spaces ("van den Berg"), separated by commas."""
    return tuple(name.strip() for name in text.split(",") if name.strip())


# Prefixes as Dutch registers keep them apart from the surname (and "el"/"al", which some
# registers keep apart and others type into the surname).
PREFIXES = listed("van der, van den, van de, in 't, op de, van, de, der, den, ter, ten, te, el, al")

# ---------------------------------------------------------------------------------------
# Dutch

DUTCH_SURNAMES_COMMON = listed(
    "de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Janssen, Visser, Smit, Meijer, "
    "de Boer, Mulder, de Groot, Bos, Vos, Peters, Hendriks, van Leeuwen, Dekker, Brouwer, "
    "de Wit, Dijkstra, Smits, de Graaf, van der Meer, van der Linden, Kok, Jacobs, de Haan, "
    "Vermeulen, van den Heuvel, van der Veen, van den Broek, de Bruijn, de Bruin, "
    "van der Heijden, Schouten, van Beek, Willems, van Vliet, van de Ven, Hoekstra, Maas, "
    "Verhoeven, Koster, van Dam, van der Wal, Prins, Blom, Huisman, Peeters, de Jonge, Kuipers, "
    "van Veen, Post, Kuiper, Veenstra, Kramer, van den Brink, Scholten, van Wijk, Postma, "
    "Martens, Vink, de Ruiter, Timmermans, Groen, Gerritsen, Jonker, van Loon, Boer, "
    "van der Velde, Willemsen, Smeets, de Lange, de Vos, Bosch, van Dongen, Schipper, "
    "de Koning, van der Laan, Koning, van der Velden, Driessen, van Doorn, Hermans, Evers, "
    "van den Bosch, van der Meulen, Hofman, Bosman, Wolters, Sanders, van der Horst, Mol, "
    "Kuijpers, Molenaar, van de Pol, de Leeuw, Verbeek"
)
# Parts of made-up Dutch surnames, for the long tail a real register has.
DUTCH_PLACE_STEMS = words(
    "Berg Brink Hoek Veen Dijk Wijk Broek Horst Laan Kamp Heide Hout Meer Molen Akker Beek "
    "Bosch Velde Donk Hulst Zand Vliet Haar Kolk Weide Hof Venne Kuil Gaag Pol Rijn Steeg "
    "Hage Dam Sloot Wiel Hamme Loo Schot Hove"
)
DUTCH_PERSON_STEMS = words(
    "Gerrit Hendrik Willem Pieter Dirk Klaas Evert Wouter Roel Harm Tjeerd Sjoerd Wiebe Jelle "
    "Bouw Lub Smed Tim Wever Sikke Hidde Folkert Jorrit Geert Albert Lambert Reinder Melle "
    "Otte Ruurd Wybren Hessel Douwe Arjen Bart Teun Joost Kees Maarten Floris"
)
DUTCH_PLACE_ENDINGS = words("man huis veld horst berg dijk kamp er ink stra hof")
DUTCH_PERSON_ENDINGS = words("sen se s stra ma inga ink ing er ens sma")
DUTCH_SURNAME_PREFIXES_TAIL = listed("van, van de, van der, van den, de, ter, ten, in 't, op de")

DUTCH_GIVEN_MALE_COMMON = words(
    "Johannes Jan Cornelis Hendrik Willem Pieter Petrus Gerrit Adrianus Jacobus Dirk Martinus "
    "Antonius Theodorus Jacob Hendrikus Wilhelmus Franciscus Johan Gerardus Daan Sem Lucas "
    "Thomas Ruben Bram Mark Peter Kevin Dennis Stefan Jeroen Tim Niels Bas Rick Joost Maarten "
    "René André José"
)
DUTCH_GIVEN_FEMALE_COMMON = words(
    "Maria Anna Johanna Elisabeth Catharina Wilhelmina Hendrika Cornelia Jacoba Margaretha "
    "Geertruida Adriana Aaltje Emma Julia Sophie Tess Lotte Anouk Sanne Linda Sandra Kim Lisa "
    "Laura Iris Femke Eva Fleur Esther Marieke Renée Zoë Chloë Noëlle Désirée Anaïs Inès"
)

# ---------------------------------------------------------------------------------------
# Dutch-Moroccan

MOROCCAN_GIVEN_MALE = words(
    "Mohamed Ahmed Youssef Abdelkader Mustafa Said Rachid Hassan Khalid Karim Omar Ali Hamza "
    "Bilal Soufiane Yassin Ayoub Zakaria Ismail Ibrahim Nordin Abdellah Driss Jamal Hicham "
    "Nabil Anouar Mehdi Ilias Adam Amine Othman Redouan Samir Tarik Mourad Abdelhak Noureddine"
)
MOROCCAN_GIVEN_FEMALE = words(
    "Fatima Khadija Aicha Naima Malika Nadia Samira Latifa Zineb Salma Imane Ikram Meryem Houda "
    "Hanan Loubna Siham Hafsa Sara Yasmina Kaoutar Najat Soumaya Ilham Rachida Zahra Nora "
    "Chaima Oumaima Hajar Saïda Aïcha"
)
MOROCCAN_SURNAMES_COMMON = listed(
    "El Idrissi, Bakkali, El Amrani, El Khattabi, Boukhari, El Ouardi, Azzouzi, Bouzid, "
    "Tahiri, Ziani, El Hamdaoui, Ouali, Benali, Ait Ahmed, El Youssfi, Amrani, Achahbar, "
    "El Moussaoui, Bouchtaoui, Zeroual, Ben Haddou, El Mansouri, Chaouch, Belhaj, El Fassi, "
    "Saidi, Rahmouni, Boujdaini, Kaddouri, Ghazi"
)
MOROCCAN_ROOTS = words(
    "Hamd Khatt Mans Idris Fass Harr Hadd Mouss Bakk Ouard Amr Yousf Azz Makhl Tah Ghaz Sal "
    "Kadd Laar Mejd Rahm Sebb Zer Jebb Hajj Kharb Moub Chak Dahm Fadl Karr Najj Tabb Ouahh "
    "Bouch Zahr Hakk Lamm Ferr Mkadd"
)
MOROCCAN_ENDINGS = words("i aoui ouni ati ani ouchi")

# ---------------------------------------------------------------------------------------
# Dutch-Turkish

TURKISH_GIVEN_MALE = words(
    "Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Ömer Ramazan "
    "Halil Süleyman Abdullah Mahmut Recep Emre Burak Kemal Hakan Serkan Onur Oğuz Furkan Enes "
    "Yunus Emir Kaan Berat Çağrı"  # noqa: RUF001 - Turkish dotless i
)
TURKISH_GIVEN_FEMALE = words(
    "Ayşe Fatma Emine Hatice Zeynep Elif Meryem Şerife Zehra Sultan Hanife Merve Büşra Esra "
    "Gül Özlem Derya Selin Kübra Tuğba Songül Gülsüm Hülya Nurcan Dilek Sevgi Yasemin Ebru "
    "Şeyma Rabia Melek"
)
TURKISH_SURNAMES_COMMON = words(
    "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç "  # noqa: RUF001 - Turkish dotless i
    "Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Korkmaz Karaca Güneş Aksoy Bulut Tekin Acar"
)
TURKISH_FIRST_PARTS = words(
    "Kara Ak Öz Gök Demir Er Ay Bal Tek Yıldız Al Gül Taş Uz Çak Sarı Kurt Bay Coş Yük"  # noqa: RUF001 - Turkish dotless i
)
TURKISH_SECOND_PARTS = words(
    "taş kaya soy han can er oğlu türk ay kurt doğan el demir yol dağ göz bulut çelik yurt kan"
)

# ---------------------------------------------------------------------------------------
# Somali (given names; a surname is the father's given name, so both repeat a great deal)

SOMALI_GIVEN_MALE = words(
    "Mohamed Ahmed Abdi Ali Hassan Hussein Omar Abdullahi Yusuf Ibrahim Ismail Osman Farah "
    "Jama Nur Warsame Aden Hersi Mahamud Dahir Elmi Samatar Guled Shire Abdirahman Abdiaziz "
    "Abdikarim Abdirisak Abdiqani Mukhtar Bashir Liban Mahad Hamse"
)
SOMALI_GIVEN_FEMALE = words(
    "Fadumo Hodan Amina Sahra Hibaq Nimco Ayaan Khadra Ifrah Deeqa Hawa Halima Sagal Ubah "
    "Ilhan Asli Muna Naima Zamzam Ladan Filsan"
)

# ---------------------------------------------------------------------------------------
# Eritrean (Tigrinya names in Latin script; a surname is the father's given name)

ERITREAN_GIVEN_MALE = words(
    "Yonas Yohannes Dawit Filmon Mehari Semere Bereket Tesfay Mussie Robel Henok Aron Biniam "
    "Samuel Yosief Kibrom Tesfalem Habtom Amanuel Efrem Mebrahtu Natnael Goitom Teklit"
)
ERITREAN_GIVEN_FEMALE = words(
    "Senait Luwam Selam Helen Mebrat Hiwet Ruta Yordanos Rahel Eden Feven Saba Tsega Winta "
    "Lidia Meron Simret Aster Azieb Freweini"
)
ERITREAN_FATHER_NAMES = words(
    "Tesfay Gebremedhin Gebreyesus Tekle Haile Kidane Berhe Woldemichael Ghebremariam Tewolde "
    "Habte Asfaha Weldu Negash Andemariam Mehari Tesfamariam Araya Girmay Kahsay Yemane Tsegay "
    "Abraham Kiflom Yohannes Tesfalem Goitom"
)

# ---------------------------------------------------------------------------------------
# Transliteration families: spellings of one name that registers use for the same person.
# The first spelling is the most usual one in Dutch registers. A family never differs only
# in a prefix (that is a kind of query of its own).

GIVEN_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("Mohamed", "Mohammed", "Muhammad", "Mohammad", "Mohamad", "Mouhamed", "Maxamed"),
    ("Youssef", "Yusuf", "Joesoef", "Youssouf", "Yousef", "Yussuf", "Yuusuf", "Yosef"),
    ("Ahmed", "Ahmad", "Achmed", "Ahmet", "Axmed"),
    ("Mustafa", "Mustapha", "Moestafa", "Mostafa"),
    ("Abdelkader", "Abdelkadir", "Abdulkadir", "Abdelqader"),
    ("Rachid", "Rashid", "Rachied", "Rasheed"),
    ("Said", "Saïd", "Saeed", "Sayed"),
    ("Khalid", "Khaled", "Chalid", "Khaalid"),
    ("Hassan", "Hasan", "Xasan", "Hassane"),
    ("Hussein", "Hüseyin", "Hoessein", "Husein", "Xuseen", "Huseyin"),
    ("Omar", "Umar", "Oemar", "Cumar", "Ömer"),
    ("Ibrahim", "İbrahim", "Ebrahim", "Brahim", "Ibraahim"),
    ("Ismail", "İsmail", "Ismael", "Smail", "Ismaaciil"),
    ("Abdullahi", "Abdullah", "Abdellah", "Abdallah", "Cabdullaahi", "Abdillahi"),
    ("Abdi", "Cabdi"),
    ("Ali", "Cali"),
    ("Osman", "Othman", "Usman", "Cismaan", "Osmaan"),
    ("Zakaria", "Zakariya", "Zacharia", "Zakariyya"),
    ("Soufiane", "Sufyan", "Soufian", "Sofian"),
    ("Yassin", "Yassine", "Yasin", "Jassin"),
    ("Ayoub", "Ayyub", "Ayoeb", "Eyüp"),
    ("Noureddine", "Nourdin", "Nordin", "Nureddin"),
    ("Abdiaziz", "Abdelaziz", "Abdulaziz", "Cabdicasiis"),
    ("Karim", "Kareem", "Kerim"),
    ("Jamal", "Djamal", "Cemal"),
    ("Fatima", "Fatma", "Fadma", "Fadumo", "Faadumo", "Fatuma"),
    ("Aicha", "Aïcha", "Aisha", "Ayşe", "Ayse", "Aysha", "Caasha"),
    ("Khadija", "Khadidja", "Hatice", "Khadiga", "Xadiijo"),
    ("Meryem", "Meriem", "Maryam", "Mariam"),
    ("Hawa", "Hawo", "Xaawo"),
    ("Yohannes", "Yohanes", "Johannes", "Yohans"),
    ("Yosief", "Yosef", "Josef", "Yusef"),
    ("Tesfay", "Tesfaye", "Tesfai"),
    ("Filmon", "Filemon", "Philemon"),
    ("Yonas", "Jonas", "Yunus"),
    ("Senait", "Senayt"),
    ("Luwam", "Luam"),
    ("Rahel", "Rachel", "Raheel"),
    ("Cornelis", "Kornelis"),
    ("Catharina", "Katharina", "Catarina"),
    ("Elisabeth", "Elizabeth", "Elisabet"),
)
SURNAME_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("Mohamed", "Mohammed", "Maxamed", "Muhammad"),
    ("Ahmed", "Ahmad", "Axmed"),
    ("Hassan", "Hasan", "Xasan"),
    ("Hussein", "Husein", "Xuseen"),
    ("Omar", "Umar", "Cumar"),
    ("Abdullahi", "Abdillahi", "Cabdullaahi"),
    ("Abdi", "Cabdi"),
    ("Ali", "Cali"),
    ("Osman", "Cismaan", "Othman"),
    ("Yusuf", "Yuusuf", "Youssef"),
    ("Ismail", "Ismaaciil", "Ismael"),
    ("Ibrahim", "Ibraahim", "Ebrahim"),
    ("El Idrissi", "El Idrisi", "El Idrisy"),
    ("Bakkali", "Bakali", "Baqqali"),
    ("El Khattabi", "El Khatabi", "El Chattabi"),
    ("Boukhari", "Bukhari", "Boechari"),
    ("El Ouardi", "El Wardi"),
    ("Ouali", "Wali"),
    ("Benali", "Ben Ali"),
    ("Azzouzi", "Azouzi"),
    ("El Youssfi", "El Yousfi", "El Joesfi"),
    ("Özdemir", "Ozdemir", "Oezdemir"),
    ("Öztürk", "Ozturk", "Oeztuerk"),
    ("Yılmaz", "Yilmaz", "Yilmas"),  # noqa: RUF001 - Turkish dotless i
    ("Şahin", "Sahin", "Shahin", "Schahin"),
    ("Çelik", "Celik", "Tchelik"),
    ("Doğan", "Dogan", "Dohan"),
    ("Kılıç", "Kilic", "Kilitsch"),  # noqa: RUF001 - Turkish dotless i
    ("Gebremedhin", "Ghebremedhin", "Gebremedin", "Gebre Medhin"),
    ("Gebreyesus", "Ghebreyesus", "Gebreiesus"),
    ("Woldemichael", "Weldemichael", "Woldemikael", "Weldemikael"),
    ("Ghebremariam", "Gebremariam", "Gebremaryam"),
    ("Tesfay", "Tesfaye", "Tesfai"),
    ("Tekle", "Tecle", "Teklay"),
    ("Haile", "Hayle"),
    ("Berhe", "Berhie"),
    ("Girmay", "Ghirmay", "Germay"),
    ("Tsegay", "Tsegai", "Tsegaye"),
    ("Kahsay", "Kahsai"),
    ("Meijer", "Meyer", "Meier"),
    ("de Bruijn", "de Bruyn", "de Bruin"),
    ("Kuijpers", "Kuypers", "Kuipers"),
    ("van der Heijden", "van der Heyden", "van der Heiden"),
    ("Dijkstra", "Dykstra"),
)
