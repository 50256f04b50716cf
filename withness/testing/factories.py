from datetime import timedelta

import factory
from django.utils import timezone

from withness.accounts import vault
from withness.accounts.models import User
from withness.journal.models import CheckIn, Interaction, Participation, Solitude
from withness.people.models import Person

PASSWORD = "calm-harbour-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    time_zone = "Europe/London"
    country = "GB"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            # A vault like every real account's, unlocked in the test's keyring (fixtures.py).
            vault.create_vault(obj, PASSWORD)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Friend {n}")


class InteractionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interaction
        skip_postgeneration_save = True

    owner = factory.SubFactory(UserFactory)
    started_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=2))
    duration_min = 45
    mode = "in_person"
    before_pleasant = -1.0
    before_energy = 4.0
    after_pleasant = 2.0
    after_energy = 5.0

    @factory.post_generation
    def people(obj, create, extracted, **kwargs):
        for person in extracted or []:
            Participation.objects.create(owner=obj.owner, interaction=obj, person=person)


class SolitudeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Solitude

    owner = factory.SubFactory(UserFactory)
    started_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=5))
    duration_min = 60
    chosen = True
    activity = "nature"
    restorative = True
    before_pleasant = 0.0
    before_energy = 3.0
    after_pleasant = 1.5
    after_energy = 4.0


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn

    owner = factory.SubFactory(UserFactory)
    day = factory.LazyAttribute(lambda o: o.owner.today())
    pleasant = 1.0
    energy = 5.0
