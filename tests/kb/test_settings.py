"""Settings come from the environment, and production settings pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    environment.update(env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)


def test_production_settings_pass_the_deployment_checklist():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="kb.settings.production",
        SECRET_KEY="x" * 20 + "a-long-random-production-secret-value-0123456789",
        ALLOWED_HOSTS="kb.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_the_development_secret_key():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="kb.settings.production")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("sqlite:////tmp/kb-settings-test.sqlite3", "django.db.backends.sqlite3"),
        ("postgres://kb:kb@db.example:5432/kb", "django.db.backends.postgresql"),
    ],
)
def test_database_url_chooses_the_database(url, engine):
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        DJANGO_SETTINGS_MODULE="kb.settings.dev",
        DATABASE_URL=url,
    )
    assert result.stdout.strip().splitlines()[-1] == engine, result.stderr


def test_debug_and_allowed_hosts_come_from_the_environment():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEBUG, settings.ALLOWED_HOSTS)",
        DJANGO_SETTINGS_MODULE="kb.settings.dev",
        DEBUG="0",
        ALLOWED_HOSTS="a.example,b.example",
    )
    assert result.stdout.strip().splitlines()[-1] == "False ['a.example', 'b.example']", result.stderr
