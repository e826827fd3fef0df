from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from techbridge.common.languages import active_language


def site(request: HttpRequest) -> dict[str, Any]:
    return {"SITE_NAME": "techbridge", "ACTIVE_LANGUAGE": active_language(), "DEBUG": settings.DEBUG}
