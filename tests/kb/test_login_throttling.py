"""Sign-in throttling: guessing passwords on either admin login locks that account out for a while (django-axes)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LOGINS = {"Wagtail admin": ("wagtailadmin_login", "wagtailadmin_home"), "Django admin": ("admin:login", "admin:index")}
LOCKED = "Too many failed sign-in attempts"


@pytest.fixture
def admin_user():
    return get_user_model().objects.create_superuser("amara", "amara@example.org", PASSWORD)


def sign_in(client, login: str, password: str, username: str = "amara", **extra):
    return client.post(reverse(LOGINS[login][0]), {"username": username, "password": password}, **extra)


def is_signed_in(client, login: str) -> bool:
    return client.get(reverse(LOGINS[login][1])).status_code == 200


@pytest.mark.parametrize("login", LOGINS)
def test_six_wrong_passwords_lock_both_logins_and_the_right_password_is_then_refused(client, admin_user, login):
    wrong = [sign_in(client, login, f"guess-{attempt}") for attempt in range(6)]

    assert settings.AXES_FAILURE_LIMIT == 5
    assert all(response.status_code == 200 and LOCKED not in response.content.decode() for response in wrong[:4])
    assert all(response.status_code == 429 and LOCKED in response.content.decode() for response in wrong[4:])
    for either in LOGINS:
        refused = sign_in(client, either, PASSWORD)
        assert refused.status_code == 429
        assert LOCKED in refused.content.decode() and "Try again in 15 minutes." in refused.content.decode()
        assert not is_signed_in(client, either)


def test_a_few_wrong_passwords_do_not_lock_and_signing_in_clears_them(client, admin_user):
    for attempt in range(4):
        assert "password didn&#x27;t match" in sign_in(client, "Wagtail admin", f"guess-{attempt}").content.decode()

    sign_in(client, "Wagtail admin", PASSWORD)

    assert is_signed_in(client, "Wagtail admin")
    client.logout()
    for attempt in range(4):
        sign_in(client, "Wagtail admin", f"again-{attempt}")
    sign_in(client, "Wagtail admin", PASSWORD)
    assert is_signed_in(client, "Wagtail admin")  # the count started again after the successful sign-in


def test_the_lock_holds_one_username_at_one_address_only(client, admin_user):
    get_user_model().objects.create_superuser("bao", "bao@example.org", PASSWORD)
    for attempt in range(6):
        sign_in(client, "Django admin", f"guess-{attempt}")

    assert sign_in(client, "Django admin", PASSWORD, username="bao").status_code == 302
    client.logout()
    assert sign_in(client, "Django admin", PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 302


def test_after_the_cool_off_the_right_password_works_again(client, admin_user):
    for attempt in range(6):
        sign_in(client, "Wagtail admin", f"guess-{attempt}")
    # The cool-off is counted from the last failure: move the record of it 16 minutes into the past.
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16))

    sign_in(client, "Wagtail admin", PASSWORD)

    assert is_signed_in(client, "Wagtail admin")
