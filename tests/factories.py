"""factory_boy factories; units and entries go through the services, as the app creates them."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from campaigns.choices import CampaignState, EntryKind, Field, SubjectKind
from campaigns.models import Campaign, QuotaRule
from campaigns.services import registration
from units import services as unit_services
from units.models import Unit, UnitKind

PASSWORD = "Mat-khau-thu-2024"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Thử"
    last_name = "Người dùng"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class UnitFactory(factory.Factory):
    """Builds a unit with ``units.services.create_unit`` (treebeard needs its own insert path)."""

    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    code = factory.Sequence(lambda n: f"dv-{n}")
    kind = UnitKind.CELL
    parent = None
    position = 100

    @classmethod
    def _create(cls, model_class, **kwargs):
        return unit_services.create_unit(**kwargs)


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    organiser = None
    year = 2024
    title = factory.LazyAttribute(lambda o: f"Phong trào thi đua “Dân vận khéo” năm {o.year}")
    registration_opens = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    registration_closes = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    state = CampaignState.OPEN

    @factory.post_generation
    def quotas(campaign, create, extracted, **kwargs):
        """The article's quotas unless ``quotas=False``."""
        if not create or extracted is False:
            return
        for kind, bounds in {
            UnitKind.DIRECT_ORGANISATION: (1, 2, 1, 1),
            UnitKind.WARD_COMMITTEE: (2, 3, 3, 3),
            UnitKind.CELL: (1, 1, 1, 1),
        }.items():
            QuotaRule.objects.create(
                campaign=campaign,
                unit_kind=kind,
                models_min=bounds[0],
                models_max=bounds[1],
                exemplars_min=bounds[2],
                exemplars_max=bounds[3],
            )


class EntryFactory(factory.Factory):
    """Registers a draft through ``campaigns.services.registration.register_entry``."""

    class Meta:
        model = dict

    campaign = None
    unit = None
    by = None
    kind = EntryKind.MODEL
    title = factory.Sequence(lambda n: f"Mô hình thử số {n}")
    field = Field.CULTURE_SOCIETY

    @classmethod
    def _create(cls, model_class, **kwargs):
        if kwargs["kind"] == EntryKind.EXEMPLAR:
            kwargs.setdefault("subject_kind", SubjectKind.INDIVIDUAL)
            kwargs.setdefault("subject_name", "Nguyễn Thị Hà")
        return registration.register_entry(**kwargs)
