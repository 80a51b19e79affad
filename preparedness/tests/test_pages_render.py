"""Every page renders for the persona it is meant for, with data on it (no template errors)."""

from __future__ import annotations

from datetime import date

from django.test import Client

from preparedness.models import (
    CotTask,
    KeyFigure,
    PartnerAgreement,
    SupportOrganisation,
    TrainingRecord,
)
from preparedness.services import (
    TrainingData,
    local_scan_record,
    partner_agreement_save,
    training_record_create,
)
from preparedness.tests.builders import key_figure
from tests.personas import World, sign_in


def test_every_page_renders_for_the_lead_and_the_directory_for_the_admin(
    client: Client, world: World
):
    actor = world.actor(world.lead)
    key_figure(world, next_contact_on=date(2020, 1, 1), last_contact_on=None)
    local_scan_record(
        actor=actor,
        municipality=world.wijkstad,
        carried_out_on=date(2026, 1, 1),
        summary="Rustig.",
        partners=[world.police],
        next_scan_on=None,
    )
    partner_agreement_save(
        actor=actor,
        municipality=world.wijkstad,
        organisation=world.police,
        task=CotTask.SIGNALLING,
        role="lead",
        contact_person="wijkagent",
        agreed_on=None,
        version=0,
    )
    training_record_create(
        actor=actor,
        municipality=world.wijkstad,
        data=TrainingData(
            organisation=world.police,
            participant_name="",
            participant_count=3,
            training="Basis",
            held_on=date(2025, 1, 1),
            refresh_on=date(2025, 6, 1),
            joint=True,
        ),
    )
    m = f"/voorbereiding/gemeente/{world.wijkstad.pk}/"
    figure = KeyFigure.objects.get()
    record = TrainingRecord.objects.get()
    agreement = PartnerAgreement.objects.get()
    sign_in(client, world.lead)
    pages = [
        m,
        f"{m}punt/lead/",
        f"{m}punt/policy/",
        f"{m}punt/consultation/",
        f"{m}beleid/",
        f"{m}scan/",
        f"{m}afspraken/",
        f"{m}afspraken/{agreement.organisation_id}/{agreement.task}/",
        f"{m}sleutelfiguren/",
        f"{m}sleutelfiguren/nieuw/",
        f"{m}sleutelfiguren/{figure.pk}/",
        f"{m}training/",
        f"{m}training/nieuw/",
        f"{m}training/{record.pk}/",
        "/voorbereiding/steunpunten/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'href="/voorbereiding/"' in response.content.decode(), url  # the nav link
    body = client.get(m).content.decode()
    assert "lapsed" in body
    sign_in(client, world.admin)
    organisation = SupportOrganisation.objects.first()
    assert organisation is not None
    for url in (
        "/voorbereiding/steunpunten/nieuw/",
        f"/voorbereiding/steunpunten/{organisation.pk}/",
    ):
        assert client.get(url).status_code == 200, url
