"""Template filters for measures: ``{{ intervention|measure_period }}`` and
``{{ remedy|remedy_term }}`` (see measures/display.py)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from measures.display import period_html, remedy_term_html
from measures.models import Intervention, LegalRemedy

register = template.Library()


@register.filter
def measure_period(intervention: Intervention) -> SafeString:
    return period_html(intervention)


@register.filter
def remedy_term(remedy: LegalRemedy) -> SafeString:
    return remedy_term_html(remedy)
