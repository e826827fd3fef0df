"""Settings for the test suite: the real ones, with jobs run inline and a fast password hasher."""

from techbridge.settings import *  # noqa: F403 - the test profile is the real settings plus these

TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; never outside tests
MEDIA_ROOT = DATA_DIR / "test-media"  # noqa: F405
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
TECHBRIDGE_EMBEDDER = "hashing"  # the tiny deterministic embedder: no model build in tests
CACHES["market"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "market"}  # noqa: F405 - no files outliving a test run
TECHBRIDGE_MATCHING_INDEX_DIR = DATA_DIR / "test-matching-index"  # noqa: F405 - never a developer's real index
