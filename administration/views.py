"""Functional administration ("beheer"): regions, municipalities, organisations, users, roles.

Only the admin role reaches these pages, and they show no case data. Every page that shows
people's data logs one READ record per person shown; every change is logged by the services
in the same transaction. Changes use POST-redirect-GET; bad input re-renders with status 400.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from access import roles as access_roles
from access.facts import Actor
from accounts.models import (
    Membership,
    MembershipStatus,
    Municipality,
    Organisation,
    Region,
    User,
)
from administration import gates, services
from administration.forms import (
    MembershipForm,
    MunicipalityForm,
    OrganisationForm,
    RegionForm,
    SetPasswordForm,
    UserCreateForm,
    UserForm,
)
from lib.access_rules import roles
from lib.forms import add_service_errors

USERS_PER_PAGE = 50
FORM_TEMPLATE = "administration/form.html"


def _form_page(
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    save: Callable[[dict[str, Any]], Any],
    heading: str,
    cancel_url: str,
    success_url: str | Callable[[Any], str],
    success_message: str,
    intro: str = "",
    before_render: Callable[[], None] | None = None,
) -> HttpResponse:
    """GET shows the form; a valid POST saves through ``save`` and redirects (PRG).

    ``before_render`` runs only when the page is shown, e.g. to log the read of the
    person whose data the page shows.
    """
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success_message)
            return redirect(success_url(saved) if callable(success_url) else success_url)
    if before_render is not None:
        before_render()
    context = {"form": form, "heading": heading, "intro": intro, "cancel_url": cancel_url}
    return render(request, FORM_TEMPLATE, context, status=400 if form.errors else 200)


@roles(access_roles.ADMIN)
def index_view(request: HttpRequest) -> HttpResponse:
    return render(request, "administration/index.html")


# --- Regions ---


@roles(access_roles.ADMIN)
def region_list_view(request: HttpRequest) -> HttpResponse:
    gates.admin_actor(request)
    regions = Region.objects.annotate(
        municipality_count=Count("municipalities", distinct=True),
        organisation_count=Count("organisations", distinct=True),
    ).order_by("name")
    return render(request, "administration/region_list.html", {"regions": regions})


@roles(access_roles.ADMIN)
@require_http_methods(["GET", "POST"])
def region_create_view(request: HttpRequest) -> HttpResponse:
    actor = gates.admin_actor(request)
    return _form_page(
        request,
        form=RegionForm(request.POST or None),
        save=lambda data: services.region_create(actor=actor, name=data["name"]),
        heading=_("New region"),
        cancel_url=reverse("administration:region_list"),
        success_url=reverse("administration:region_list"),
        success_message=_("The region has been created."),
    )


@roles(access_roles.ADMIN)
@require_http_methods(["GET", "POST"])
def region_edit_view(request: HttpRequest, region_id: int) -> HttpResponse:
    actor = gates.admin_actor(request)
    region = gates.get_region_for_admin(actor, region_id)
    return _form_page(
        request,
        form=RegionForm(request.POST or None, instance=region),
        save=lambda data: services.region_update(actor=actor, region=region, name=data["name"]),
        heading=_("Edit region %(name)s") % {"name": region.name},
        cancel_url=reverse("administration:region_list"),
        success_url=reverse("administration:region_list"),
        success_message=_("The region has been saved."),
    )


# --- Municipalities ---


@roles(access_roles.ADMIN)
def municipality_list_view(request: HttpRequest) -> HttpResponse:
    gates.admin_actor(request)
    municipalities = (
        Municipality.objects.select_related("region")
        .annotate(organisation_count=Count("organisations"))
        .order_by("name")
    )
    context = {"municipalities": municipalities}
    return render(request, "administration/municipality_list.html", context)


def _save_municipality(
    actor: Actor, municipality: Municipality | None
) -> Callable[[dict[str, Any]], Municipality]:
    def save(data: dict[str, Any]) -> Municipality:
        fields = {key: data[key] for key in ("name", "code", "size", "region", "police_contact")}
        if municipality is None:
            return services.municipality_create(actor=actor, **fields)
        return services.municipality_update(actor=actor, municipality=municipality, **fields)

    return save


@roles(access_roles.ADMIN)
@require_http_methods(["GET", "POST"])
def municipality_create_view(request: HttpRequest) -> HttpResponse:
    actor = gates.admin_actor(request)
    return _form_page(
        request,
        form=MunicipalityForm(request.POST or None),
        save=_save_municipality(actor, None),
        heading=_("New municipality"),
        cancel_url=reverse("administration:municipality_list"),
        success_url=reverse("administration:municipality_list"),
        success_message=_("The municipality has been created."),
    )


@roles(access_roles.ADMIN)
@require_http_methods(["GET", "POST"])
def municipality_edit_view(request: HttpRequest, municipality_id: int) -> HttpResponse:
    actor = gates.admin_actor(request)
    municipality = gates.get_municipality_for_admin(actor, municipality_id)
    return _form_page(
        request,
        form=MunicipalityForm(request.POST or None, instance=municipality),
        save=_save_municipality(actor, municipality),
        heading=_("Edit municipality %(name)s") % {"name": municipality.name},
        intro=_(
            "Moving the municipality to another region moves its organisations along, "
            "because they work in the region of their municipality."
        ),
        cancel_url=reverse("administration:municipality_list"),
        success_url=reverse("administration:municipality_list"),
        success_message=_("The municipality has been saved."),
    )


# --- Organisations ---


@roles(access_roles.ADMIN)
def organisation_list_view(request: HttpRequest) -> HttpResponse:
    gates.admin_actor(request)
    organisations = Organisation.objects.select_related("region", "municipality").order_by("name")
    context = {"organisations": organisations}
    return render(request, "administration/organisation_list.html", context)


def _save_organisation(
    actor: Actor, organisation: Organisation | None
) -> Callable[[dict[str, Any]], Organisation]:
    def save(data: dict[str, Any]) -> Organisation:
        fields = {
            key: data[key]
            for key in ("name", "kind", "region", "municipality", "professional_secrecy")
        }
        if organisation is None:
            return services.organisation_create(actor=actor, **fields)
        return services.organisation_update(actor=actor, organisation=organisation, **fields)

    return save


@roles(access_roles.ADMIN)
@require_http_methods(["GET", "POST"])
def organisation_create_view(request: HttpRequest) -> HttpResponse:
    actor = gates.admin_actor(request)
    return _form_page(
        request,
        form=OrganisationForm(request.POST or None),
        save=_save_organisation(actor, None),
        heading=_("New organisation"),
        cancel_url=reverse("administration:organisation_list"),
        success_url=reverse("administration:organisation_list"),
        success_message=_("The organisation has been created."),
    )


@roles(access_roles.ADMIN)
@require_http_methods(["GET", "POST"])
def organisation_edit_view(request: HttpRequest, organisation_id: int) -> HttpResponse:
    actor = gates.admin_actor(request)
    organisation = gates.get_organisation_for_admin(actor, organisation_id)
    return _form_page(
        request,
        form=OrganisationForm(request.POST or None, instance=organisation),
        save=_save_organisation(actor, organisation),
        heading=_("Edit organisation %(name)s") % {"name": organisation.name},
        cancel_url=reverse("administration:organisation_list"),
        success_url=reverse("administration:organisation_list"),
        success_message=_("The organisation has been saved."),
    )


# --- Users ---


def _current_membership_filter() -> Q:
    today = timezone.localdate()
    return (
        Q(memberships__valid_from__lte=today)
        & Q(memberships__status=MembershipStatus.APPROVED)
        & (Q(memberships__valid_until__isnull=True) | Q(memberships__valid_until__gte=today))
    )


@roles(access_roles.ADMIN)
def user_list_view(request: HttpRequest) -> HttpResponse:
    actor = gates.admin_actor(request)
    query = request.GET.get("q", "").strip()[:200]
    users = User.objects.annotate(
        current_membership_count=Count("memberships", filter=_current_membership_filter()),
        has_second_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
    ).order_by("full_name", "pk")
    if query:
        users = users.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
    page = Paginator(users, USERS_PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    gates.log_users_shown(actor, shown, name="administration.users.list")
    context = {"page": page, "users": shown, "query": query}
    return render(request, "administration/user_list.html", context)


@roles(access_roles.ADMIN)
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def user_create_view(request: HttpRequest) -> HttpResponse:
    actor = gates.admin_actor(request)

    def save(data: dict[str, Any]) -> User:
        return services.user_create(
            actor=actor,
            email=data["email"],
            full_name=data["full_name"],
            password=data.get("password1") or None,
        )

    return _form_page(
        request,
        form=UserCreateForm(request.POST or None),
        save=save,
        heading=_("New user"),
        intro=_(
            "After creating the account, add the person's roles on the next page. At the "
            "first login the person links an authenticator app (second factor)."
        ),
        cancel_url=reverse("administration:user_list"),
        success_url=lambda user: reverse("administration:user_detail", args=[user.pk]),
        success_message=_("The account has been created."),
    )


def _render_user_detail(
    request: HttpRequest,
    actor: Actor,
    user: User,
    *,
    membership_form: MembershipForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The user's page; the caller has logged the read."""
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("-valid_from", "organisation__name")
    )
    devices = TOTPDevice.objects.filter(user=user)
    context = {
        "account": user,
        "memberships": memberships,
        "today": timezone.localdate(),
        "has_second_factor": devices.filter(confirmed=True).exists(),
        "has_any_device": devices.exists(),
        "open_holds": list(user.holds.filter(released_at__isnull=True).order_by("held_at")),
        "acting_membership_id": actor.membership_id,
        "is_self": user.pk == actor.user_id,
        "membership_form": membership_form or MembershipForm(user=user),
    }
    return render(request, "administration/user_detail.html", context, status=status)


@roles(access_roles.ADMIN)
def user_detail_view(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = gates.admin_actor(request)
    user = gates.read_user_for_admin(actor, user_id, name="administration.users.detail")
    return _render_user_detail(request, actor, user)


@roles(access_roles.ADMIN)
@require_http_methods(["GET", "POST"])
def user_edit_view(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = gates.admin_actor(request)
    user = gates.get_user_for_admin(actor, user_id)
    detail_url = reverse("administration:user_detail", args=[user.pk])

    def save(data: dict[str, Any]) -> User:
        return services.user_update(
            actor=actor,
            user=user,
            email=data["email"],
            full_name=data["full_name"],
            is_active=data["is_active"],
        )

    return _form_page(
        request,
        form=UserForm(request.POST or None, instance=user),
        save=save,
        heading=_("Edit user %(name)s") % {"name": user.full_name},
        cancel_url=detail_url,
        success_url=detail_url,
        success_message=_("The account has been saved."),
        before_render=lambda: gates.log_users_shown(
            actor, [user], name="administration.users.edit"
        ),
    )


@roles(access_roles.ADMIN)
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def user_password_view(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = gates.admin_actor(request)
    user = gates.get_user_for_admin(actor, user_id)
    detail_url = reverse("administration:user_detail", args=[user.pk])
    return _form_page(
        request,
        form=SetPasswordForm(request.POST or None, user=user),
        save=lambda data: services.user_set_password(
            actor=actor, user=user, password=data["password1"]
        ),
        heading=_("Set a password for %(name)s") % {"name": user.full_name},
        intro=_(
            "Give the password to the person through the organisation's procedure, never by "
            "the same channel as the e-mail address. The second factor stays as it is. If the "
            "person has a role that opens personal data, it gives no access until a second "
            "person has confirmed the change with them."
        ),
        cancel_url=detail_url,
        success_url=detail_url,
        success_message=_("The password has been set."),
        before_render=lambda: gates.log_users_shown(
            actor, [user], name="administration.users.password"
        ),
    )


def _refused(
    request: HttpRequest, actor: Actor, user: User, error: ValidationError
) -> HttpResponse:
    """A refused action: the user's page again with the reason, status 400."""
    for message in error.messages:
        messages.error(request, message)
    gates.log_users_shown(actor, [user], name="administration.users.detail")
    return _render_user_detail(request, actor, user, status=400)


@roles(access_roles.ADMIN)
@require_POST
def user_reset_second_factor_view(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = gates.admin_actor(request)
    user = gates.get_user_for_admin(actor, user_id)
    services.user_second_factor_reset(actor=actor, user=user)
    messages.success(
        request,
        _("The second factor has been reset. At the next login the person links a new app."),
    )
    return redirect("administration:user_detail", user_id=user.pk)


def _set_active(request: HttpRequest, user_id: int, *, is_active: bool) -> HttpResponse:
    actor = gates.admin_actor(request)
    user = gates.get_user_for_admin(actor, user_id)
    try:
        services.user_set_active(actor=actor, user=user, is_active=is_active)
    except ValidationError as error:
        return _refused(request, actor, user, error)
    if is_active:
        messages.success(request, _("The account has been reactivated."))
    else:
        messages.success(request, _("The account has been deactivated; it can no longer log in."))
    return redirect("administration:user_detail", user_id=user.pk)


@roles(access_roles.ADMIN)
@require_POST
def user_deactivate_view(request: HttpRequest, user_id: int) -> HttpResponse:
    return _set_active(request, user_id, is_active=False)


@roles(access_roles.ADMIN)
@require_POST
def user_reactivate_view(request: HttpRequest, user_id: int) -> HttpResponse:
    return _set_active(request, user_id, is_active=True)


# --- Memberships ---


@roles(access_roles.ADMIN)
@require_POST
def membership_create_view(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = gates.admin_actor(request)
    user = gates.get_user_for_admin(actor, user_id)
    form = MembershipForm(request.POST, user=user)
    if form.is_valid():
        try:
            services.membership_create(
                actor=actor,
                user=user,
                organisation=form.cleaned_data["organisation"],
                role=form.cleaned_data["role"],
                valid_from=form.cleaned_data["valid_from"],
                valid_until=form.cleaned_data["valid_until"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "The role has been granted. It gives access once a second person has "
                    "approved it."
                ),
            )
            return redirect("administration:user_detail", user_id=user.pk)
    gates.log_users_shown(actor, [user], name="administration.users.detail")
    return _render_user_detail(request, actor, user, membership_form=form, status=400)


@roles(access_roles.ADMIN)
@require_POST
def membership_end_view(request: HttpRequest, membership_id: int) -> HttpResponse:
    actor = gates.admin_actor(request)
    membership = gates.get_membership_for_admin(actor, membership_id)
    try:
        services.membership_end(actor=actor, membership=membership)
    except ValidationError as error:
        return _refused(request, actor, membership.user, error)
    messages.success(request, _("The role has been ended as of today; its history is kept."))
    return redirect("administration:user_detail", user_id=membership.user_id)
