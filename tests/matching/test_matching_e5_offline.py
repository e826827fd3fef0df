"""The platform's default embedder loads with no network: HF_HUB_OFFLINE=1 and a dead proxy."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.slow

SCRIPT = """
import django
django.setup()
from techbridge.matching.domain.embedders import embedder_choice, get_embedder
embedder = get_embedder()
vectors = embedder.embed(["低温锂电池电解液", "lithium electrolyte"], role="passage")
print(embedder_choice(), embedder.name, vectors.shape)
"""


def test_e5_embedder_loads_offline_through_the_setting() -> None:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "techbridge.settings",
        "TECHBRIDGE_EMBEDDER": "e5",
        "TECHBRIDGE_DATA_DIR": str(settings.DATA_DIR),
        "HF_HUB_OFFLINE": "1",
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
    }
    completed = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", SCRIPT],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split() == ["e5", "multilingual-e5-small-int8", "(2,", "384)"]
