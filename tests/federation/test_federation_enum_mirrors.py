"""The federation app's choices mirror the protocol's record types and audiences in the core."""

from __future__ import annotations

from techbridge.federation.enums import Audience, RecordKind
from techbridge_core.federation.activity import AUDIENCES, KINDS


def test_federation_choices_mirror_the_core() -> None:
    assert set(RecordKind.values) == set(KINDS)
    assert set(Audience.values) == set(AUDIENCES)
