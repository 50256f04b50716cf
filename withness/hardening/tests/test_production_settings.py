"""A hosted instance's settings, checked the way an operator would start it: in a new process."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[3]


def manage(*args, tmp_path, **env):
    # Browser tests earlier in the run set DJANGO_ALLOW_ASYNC_UNSAFE in this process;
    # a real deployment never has it, so neither does the child.
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("WITHNESS_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    clean.update({"WITHNESS_DATA_DIR": str(tmp_path), **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production(**extra):
    return {
        "WITHNESS_ENV": "production",
        "WITHNESS_SECRET_KEY": secrets.token_urlsafe(60),
        "WITHNESS_ALLOWED_HOSTS": "withness.example.org",
        **extra,
    }


def test_production_settings_pass_check_deploy_with_no_warnings(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path, **production()
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_a_secret_key_refuses_to_start(tmp_path):
    env = production()
    del env["WITHNESS_SECRET_KEY"]
    result = manage("check", tmp_path=tmp_path, **env)
    assert result.returncode != 0
    assert "WITHNESS_SECRET_KEY" in result.stderr and "required" in result.stderr
    assert not (tmp_path / "secret_key").exists()  # no quiet fallback to a generated key


def test_production_reads_the_secret_key_from_a_file(tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text(secrets.token_urlsafe(60))
    env = production(WITHNESS_SECRET_KEY_FILE=str(key_file))
    del env["WITHNESS_SECRET_KEY"]
    result = manage("check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path, **env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_notices_a_weakened_production_setting(tmp_path):
    # The guard itself can fail: turning secure cookies off is reported.
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        **production(WITHNESS_SECURE_COOKIES="false"),
    )
    assert result.returncode != 0
    assert "SESSION_COOKIE_SECURE" in result.stdout + result.stderr


def test_login_lockout_is_on_unless_switched_off(tmp_path):
    code = "from django.conf import settings; print(settings.AXES_ENABLED)"
    result = manage("shell", "-c", code, tmp_path=tmp_path, **production())
    assert result.stdout.strip().splitlines()[-1] == "True", result.stderr
