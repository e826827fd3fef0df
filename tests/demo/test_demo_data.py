from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from techbridge.directory.models import Centre, Organisation, Person


def _snapshot() -> list[tuple[object, ...]]:
    organisations = list(
        Organisation.objects.order_by("id").values_list("name", "country", "kind", "is_published")
    )
    people = list(Person.objects.order_by("id").values_list("full_name", "visibility"))
    return [*organisations, *people]


def test_demo_data_is_a_believable_alliance(db: None) -> None:
    output = StringIO()

    call_command(
        "demo_data", "--seed", "7", "--instruments", "0", "--listings", "0", "--no-events", stdout=output
    )

    countries = set(Organisation.objects.values_list("country", flat=True))
    languages = {
        language for name in Organisation.objects.values_list("name", flat=True) for language in name
    }
    # The directory's 200, and the two transfer centres that sign the cooperation demo's MoU as parties.
    assert Organisation.objects.count() == 202
    assert Person.objects.exclude(user__email__endswith="@techbridge.demo").count() == 300
    assert len(countries) >= 30
    assert languages == {"en", "zh-hans", "hu"}
    assert Centre.objects.get(slug="cq-hu").branches.filter(city="Budapest").exists()
    assert set(Centre.objects.values_list("slug", flat=True)) >= {"cq-hu", "sichuan", "guizhou"}
    assert "broker@techbridge.demo" in output.getvalue()


def test_demo_data_is_reproducible_for_a_seed(db: None) -> None:
    call_command(
        "demo_data",
        "--seed",
        "3",
        "--organisations",
        "40",
        "--people",
        "30",
        "--no-events",
        "--instruments",
        "0",
        stdout=StringIO(),
    )
    first = _snapshot()
    call_command(
        "demo_data",
        "--seed",
        "3",
        "--organisations",
        "40",
        "--people",
        "30",
        "--no-events",
        "--instruments",
        "0",
        "--reset",
        stdout=StringIO(),
    )

    assert _snapshot() == first


def test_demo_data_refuses_to_overwrite_without_reset(db: None) -> None:
    call_command(
        "demo_data",
        "--organisations",
        "40",
        "--people",
        "5",
        "--no-events",
        "--instruments",
        "0",
        "--listings",
        "0",
        stdout=StringIO(),
    )

    with pytest.raises(CommandError, match="--reset"):
        call_command("demo_data", stdout=StringIO())
