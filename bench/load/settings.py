"""Bench-only settings: the real settings plus a bare constant view, the framework's floor.

Never used in production: only bench/load/run.py points DJANGO_SETTINGS_MODULE here.
"""

from withness.settings import *  # noqa: F403

ROOT_URLCONF = "bench.load.urls"
