"""Case pages: entries, the print, directing the case and emergency access (included by
cases/urls.py under the "cases" namespace)."""

from django.urls import URLPattern, path

from cases import views_edit, views_entries, views_print

urlpatterns: list[URLPattern] = [
    # Entries (notities en feiten).
    path("<id:case_id>/notities/nieuw/", views_entries.entry_add_view, name="entry_add"),
    path("<id:case_id>/notities/zoeken/", views_entries.entry_search_view, name="entry_search"),
    path("<id:case_id>/notities/<id:entry_id>/", views_entries.entry_detail_view, name="entry"),
    path(
        "<id:case_id>/notities/<id:entry_id>/corrigeren/",
        views_entries.entry_correct_view,
        name="entry_correct",
    ),
    path(
        "<id:case_id>/notities/<id:entry_id>/delen/",
        views_entries.entry_grant_view,
        name="entry_grant",
    ),
    path(
        "<id:case_id>/notities/<id:entry_id>/delen/<id:grant_id>/intrekken/",
        views_entries.entry_grant_revoke_view,
        name="entry_grant_revoke",
    ),
    path("<id:case_id>/afdrukken/", views_print.case_print_view, name="print"),
    path("<id:case_id>/afdrukken/pdf/", views_print.case_pdf_view, name="pdf"),
    # Directing the case.
    path("<id:case_id>/wijzigen/", views_edit.case_edit_view, name="edit"),
    path("<id:case_id>/situatie/", views_edit.case_situation_view, name="situation"),
    path("<id:case_id>/status/", views_edit.case_status_view, name="status"),
    path("<id:case_id>/team/toevoegen/", views_edit.case_team_add_view, name="team_add"),
    path("<id:case_id>/team/verwijderen/", views_edit.case_team_remove_view, name="team_remove"),
    path("<id:case_id>/herbeoordeling/", views_edit.case_review_view, name="review"),
    # Emergency access.
    path("noodtoegang/", views_edit.break_glass_find_view, name="break_glass_find"),
    path("<id:case_id>/noodtoegang/", views_edit.break_glass_view, name="break_glass"),
]
