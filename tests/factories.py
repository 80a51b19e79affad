"""factory_boy factories with fictional Dutch data (Faker nl_NL)."""

from __future__ import annotations

import factory
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import (
    Membership,
    MembershipStatus,
    Municipality,
    Organisation,
    Region,
    Role,
    User,
)

factory.Faker._DEFAULT_LOCALE = "nl_NL"


class RegionFactory(factory.django.DjangoModelFactory[Region]):
    class Meta:
        model = Region
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Zorg- en Veiligheidshuis Testregio {n}")


class MunicipalityFactory(factory.django.DjangoModelFactory[Municipality]):
    class Meta:
        model = Municipality
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    code = factory.Sequence(lambda n: f"GM{9000 + n:04d}")
    region = factory.SubFactory(RegionFactory)


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Testorganisatie {n}")
    kind = Organisation.Kind.OTHER
    region = factory.SubFactory(RegionFactory)

    class Params:
        municipal = factory.Trait(
            kind=Organisation.Kind.MUNICIPALITY,
            municipality=factory.SubFactory(MunicipalityFactory),
        )


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@test.schakel.example")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(obj: User, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.PARTNER
    # A working membership: approved (tests of the approval itself make pending grants
    # through administration.services.membership_create).
    status = MembershipStatus.APPROVED
    decided_at = factory.LazyFunction(timezone.now)


def totp_device(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="test", confirmed=True)
