"""API of the logged-in user's own account: ``GET /api/v1/me``."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from lib.access_rules import AccessRule, Kind
from lib.serializers import BoundedSerializer
from portal.gates import get_own_account


class MembershipSerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(source="pk", help_text="Membership id.")
    organisation = serializers.CharField(source="organisation.name", help_text="Organisation.")
    organisation_kind = serializers.CharField(source="organisation.kind", help_text="Its type.")
    role = serializers.CharField(help_text="Role id (lead, partner, ...).")
    valid_from = serializers.DateField(help_text="First day.")
    valid_until = serializers.DateField(allow_null=True, help_text="Last day, or null.")


class MeSerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(source="pk", help_text="User id.")
    email = serializers.EmailField(help_text="E-mail address (login name).")
    full_name = serializers.CharField(help_text="Full name.")
    active_membership = serializers.IntegerField(help_text="Membership the request acts in.")
    memberships = MembershipSerializer(many=True, help_text="Current memberships.")


class MeView(APIView):
    """The account that makes the request, with its current memberships."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(responses=MeSerializer, operation_id="me_retrieve")
    def get(self, request: Request) -> Response:
        user, actor = get_own_account(request, name="portal.api.me.read")
        data = {
            "pk": user.pk,
            "email": user.email,
            "full_name": user.full_name,
            "active_membership": actor.membership_id,
            "memberships": list(user.active_memberships()),
        }
        return Response(MeSerializer(data).data)
