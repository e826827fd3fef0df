"""Who reads which statistics.

- Platform administrators: everything, with the records behind every number.
- Centre brokers: the alliance's aggregates, and the records behind the numbers of their centres.
- Officials: the aggregates of their alliance; no records, no personal data, small groups hidden.
- Everyone else: the public results pages only.
"""

from __future__ import annotations

from techbridge.common.request_cache import role_answer
from techbridge.directory.roles import AnyUser, is_platform_admin, operated_centre_ids
from techbridge.statistics.models import Official


def is_official(user: AnyUser) -> bool:
    if not user.is_authenticated:
        return False
    return role_answer(user, "is_official", lambda: Official.objects.filter(user=user).exists())


def reads_dashboards(user: AnyUser) -> bool:
    return is_platform_admin(user) or bool(operated_centre_ids(user)) or is_official(user)


def sees_records(user: AnyUser, centre_id: int | None) -> bool:
    """May the user open the records behind a number of this centre (None: the whole alliance)?"""
    if is_platform_admin(user):
        return True
    if centre_id is None:
        return False
    return centre_id in operated_centre_ids(user)


def sees_small_groups(user: AnyUser) -> bool:
    """Brokers and admins see every group; officials and the public see only groups of the
    minimum size (settings.TECHBRIDGE_STATISTICS_MIN_GROUP)."""
    return is_platform_admin(user) or bool(operated_centre_ids(user))


def marks_highlights(user: AnyUser) -> bool:
    """Brokers choose their centres' cases for the annual report; admins any case; officials none."""
    return is_platform_admin(user) or bool(operated_centre_ids(user))
