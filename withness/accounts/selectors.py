from django.contrib.auth import get_user_model


def instance_has_owner() -> bool:
    return get_user_model().objects.exists()
