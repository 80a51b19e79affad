"""Schakel's two date formats, one place (FORMAT_MODULE_PATH in settings).

Reading: the Dutch long form, "7 december 2026" (DATE_FORMAT, DATETIME_FORMAT).
Tables and short messages: "07-12-2026" (SHORT_DATE_FORMAT, SHORT_DATETIME_FORMAT).
Templates name them, e.g. ``{{ day|date:"SHORT_DATE_FORMAT" }}``; Python code uses
``django.utils.formats.date_format(day, "SHORT_DATE_FORMAT")``. Formats not named here
(input formats, month names) stay Django's own for the language.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATE_FORMAT = "d-m-Y"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
