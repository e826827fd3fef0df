"""Settings for the test suite: the real ones, with jobs run inline and a fast password hasher."""

import os

from techbridge.settings import *  # noqa: F403 - the test profile is the real settings plus these

# Each pytest-xdist worker keeps its own files, as it keeps its own test database.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")

TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; never outside tests
MEDIA_ROOT = DATA_DIR / f"test-media-{_WORKER}"  # noqa: F405
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
TECHBRIDGE_EMBEDDER = "hashing"  # the tiny deterministic embedder: no model build in tests
CACHES["market"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "market"}  # noqa: F405 - no files outliving a test run
TECHBRIDGE_MATCHING_INDEX_DIR = DATA_DIR / f"test-matching-index-{_WORKER}"  # noqa: F405 - never a developer's real index
