from typing import Any

from django.http import HttpRequest
from ninja import Router

from techbridge.api.auth import WRITE
from techbridge.api.schemas import ErrorOut, MeOut
from techbridge.directory.roles import (
    administered_organisation_ids,
    is_platform_admin,
    member_organisation_ids,
    operated_centre_ids,
)

router = Router(tags=["account"])


def role_names(user: Any) -> list[str]:
    roles = []
    if is_platform_admin(user):
        roles.append("platform_admin")
    if operated_centre_ids(user):
        roles.append("centre_operator")
    if administered_organisation_ids(user):
        roles.append("organisation_admin")
    if member_organisation_ids(user) - administered_organisation_ids(user):
        roles.append("organisation_member")
    if getattr(getattr(user, "person", None), "expert_profile", None) is not None:
        roles.append("expert")
    return roles


@router.get("/me", response={200: MeOut, 401: ErrorOut, 403: ErrorOut}, auth=WRITE)
def me(request: HttpRequest) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    return {
        "id": user.pk,
        "email": user.email,
        "display_name": user.display_name,
        "preferred_language": user.preferred_language,
        "roles": role_names(user),
    }
