"""API routes under /api/v1/ for preparedness (included by schakel/urls.py)."""

from django.urls import URLPattern, path

from preparedness.api import (
    KeyFigureCollectionView,
    MunicipalityCollectionView,
    PartnerAgreementCollectionView,
    ReadinessView,
    SupportOrganisationCollectionView,
    TrainingCollectionView,
)

MUNICIPALITY = "preparedness/municipalities/<id:municipality_id>"

urlpatterns: list[URLPattern] = [
    path(
        "preparedness/municipalities",
        MunicipalityCollectionView.as_view(),
        name="api-preparedness-municipalities",
    ),
    path(f"{MUNICIPALITY}", ReadinessView.as_view(), name="api-preparedness-readiness"),
    path(
        f"{MUNICIPALITY}/partner-agreements",
        PartnerAgreementCollectionView.as_view(),
        name="api-preparedness-agreements",
    ),
    path(
        f"{MUNICIPALITY}/training",
        TrainingCollectionView.as_view(),
        name="api-preparedness-training",
    ),
    path(
        f"{MUNICIPALITY}/key-figures",
        KeyFigureCollectionView.as_view(),
        name="api-preparedness-key-figures",
    ),
    path(
        "preparedness/support-organisations",
        SupportOrganisationCollectionView.as_view(),
        name="api-preparedness-support-organisations",
    ),
]
