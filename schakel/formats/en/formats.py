"""The same two date formats in the English interface (see schakel/formats/nl/formats.py):
"7 December 2026" for reading, "07-12-2026" in tables, as the Dutch colleagues read them."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATE_FORMAT = "d-m-Y"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
