"""Factories for growth rows, beside the shared ones in withness.testing.factories."""

import factory
from django.utils import timezone

from withness.growth.models import Belief, BeliefRating, Reflection, Share, Support
from withness.testing.factories import PersonFactory, UserFactory


class ShareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Share

    owner = factory.SubFactory(UserFactory)
    person = factory.LazyAttribute(lambda o: PersonFactory(owner=o.owner))
    step = 1
    shared_on = factory.LazyFunction(lambda: timezone.localdate())
    response = "warm"


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    owner = factory.SubFactory(UserFactory)
    person = factory.LazyAttribute(lambda o: PersonFactory(owner=o.owner))
    direction = "given"
    what = "listened on the phone"
    happened_on = factory.LazyFunction(lambda: timezone.localdate())
    capacity = 1


class BeliefFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Belief

    owner = factory.SubFactory(UserFactory)
    belief = "I'll be too much for people"
    counter = "The right people can hold a little of me"


class BeliefRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BeliefRating

    owner = factory.LazyAttribute(lambda o: o.belief.owner)
    belief = factory.SubFactory(BeliefFactory)
    belief_true = 80
    counter_true = 20


class ReflectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reflection

    owner = factory.SubFactory(UserFactory)
    prompt_key = "most-yourself"
    prompt_text = "Who, or where, lets you feel most like yourself?"
    answer = "Walking the dog with Ana"
    answered_on = factory.LazyFunction(lambda: timezone.localdate())
