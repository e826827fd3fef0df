"""Profile and organisation forms: bad input is refused with a clear message and nothing is lost."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from techbridge.directory.models import ExpertProfile
from world import World, client_for


def _png(size: tuple[int, int] = (40, 40), *, padding: int = 0) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 110, 79)).save(buffer, format="PNG")
    return buffer.getvalue() + b"\0" * padding


def _organisation_form(world: World, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name_en": "Budapest University of Technology",
        "name_zh-hans": "布达佩斯技术大学",
        "name_hu": "Budapesti Műszaki Egyetem",
        "short_name": "BME",
        "kind": "university",
        "country": "HU",
        "region": "",
        "city": "Budapest",
        "website": "https://www.bme.hu",
        "description_en": "<p>Engineering <script>alert(1)</script><strong>since 1782</strong></p>",
        "description_zh-hans": "",
        "description_hu": "",
    }
    data.update(changes)
    return data


def _post_organisation(world: World, **changes: object):  # type: ignore[no-untyped-def]
    client = client_for(world.org_admin)
    return client.post(
        f"/directory/organisations/{world.pending.pk}/edit/", _organisation_form(world, **changes)
    )


def test_organisation_form_saves_translations_and_sanitises_rich_text(world: World) -> None:
    response = _post_organisation(world, logo=SimpleUploadedFile("logo.png", _png(), "image/png"))

    world.pending.refresh_from_db()
    assert response.status_code == 302
    assert world.pending.name == {
        "en": "Budapest University of Technology",
        "zh-hans": "布达佩斯技术大学",
        "hu": "Budapesti Műszaki Egyetem",
    }
    assert world.pending.description == {"en": "<p>Engineering <strong>since 1782</strong></p>"}
    assert world.pending.logo.name.endswith(".png")


def test_organisation_form_refuses_oversize_logo(world: World) -> None:
    big = SimpleUploadedFile("logo.png", _png(padding=3 * 1024 * 1024), "image/png")

    response = _post_organisation(world, logo=big)

    world.pending.refresh_from_db()
    assert response.status_code == 200
    assert "the limit is 2.0" in " ".join(response.context["form"].errors["logo"])
    assert not world.pending.logo


def test_organisation_form_refuses_a_logo_that_is_not_an_image(world: World) -> None:
    fake = SimpleUploadedFile("logo.png", b"%PDF-1.7 not an image", "image/png")

    response = _post_organisation(world, logo=fake)

    assert response.status_code == 200
    assert "Upload a valid image" in " ".join(response.context["form"].errors["logo"])


def test_organisation_form_refuses_html_in_plain_text(world: World) -> None:
    response = _post_organisation(world, city="<img src=x onerror=alert(1)>", name_en="<b>Bold</b>")

    world.pending.refresh_from_db()
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"city", "name"}
    assert world.pending.city == "Budapest"


def test_organisation_form_needs_a_name_in_some_language(world: World) -> None:
    response = _post_organisation(world, **{"name_en": "", "name_zh-hans": "", "name_hu": ""})

    assert response.context["form"].errors["name"] == ["Fill in at least one language."]


def test_organisation_form_refuses_unknown_country(world: World) -> None:
    response = _post_organisation(world, country="XX")

    assert "country" in response.context["form"].errors


def _profile_form(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "person-full_name": "Dr. Elena Rossi",
        "person-position_en": "Independent expert",
        "person-position_zh-hans": "独立专家",
        "person-position_hu": "",
        "person-country": "IT",
        "person-city": "Turin",
        "person-biography_en": "<p>Batteries <a href='javascript:alert(1)'>link</a></p>",
        "person-biography_zh-hans": "",
        "person-biography_hu": "",
        "person-languages": ["it", "en"],
        "person-visibility": "public",
        "expert-offers_expertise": "on",
        "expert-expertise_en": "Lithium battery recycling",
        "expert-expertise_zh-hans": "",
        "expert-expertise_hu": "",
        "expert-qualifications_en": "PhD",
        "expert-qualifications_zh-hans": "",
        "expert-qualifications_hu": "",
        "expert-mobility": "visits",
    }
    data.update(changes)
    return data


def test_profile_form_saves_person_and_expert_profile(world: World) -> None:
    client = client_for(world.outsider)

    response = client.post("/accounts/profile/", _profile_form())

    person = world.outsider.person  # type: ignore[attr-defined]
    person.refresh_from_db()
    assert response.status_code == 302
    assert (person.full_name, person.languages) == ("Dr. Elena Rossi", ["it", "en"])
    assert person.biography == {"en": '<p>Batteries <a rel="noopener noreferrer nofollow">link</a></p>'}
    assert ExpertProfile.objects.get(person=person).expertise == {"en": "Lithium battery recycling"}


def test_profile_form_with_html_name_saves_nothing(world: World) -> None:
    client = client_for(world.outsider)

    response = client.post("/accounts/profile/", _profile_form(**{"person-full_name": "<b>x</b>"}))

    assert response.status_code == 200
    assert response.context["person_form"].errors["full_name"] == [
        "HTML is not allowed in this field; use plain text."
    ]
    assert not ExpertProfile.objects.filter(person__user=world.outsider).exists()


def test_profile_form_refuses_unknown_language(world: World) -> None:
    response = client_for(world.outsider).post(
        "/accounts/profile/", _profile_form(**{"person-languages": ["xx"]})
    )

    assert "languages" in response.context["person_form"].errors


def test_rich_text_is_rendered_sanitised_even_if_stored_raw(world: World) -> None:
    world.published.description = {"en": '<p onclick="steal()">Hi</p><script>alert(1)</script>'}
    world.published.save()

    page = Client().get(f"/directory/organisations/{world.published.pk}/").content.decode()

    assert "<p>Hi</p>" in page
    assert "alert(1)" not in page
    assert "onclick" not in page


def test_operator_sees_only_their_centres_organisations_in_the_admin(world: World) -> None:
    response = client_for(world.operator).get("/admin/directory/organisation/")

    listed = {organisation.pk for organisation in response.context["cl"].result_list}
    assert listed == {world.published.pk, world.pending.pk}
    assert (
        client_for(world.operator)
        .get(f"/admin/directory/organisation/{world.pending_elsewhere.pk}/change/")
        .status_code
        == 302
    )


def test_language_names_read_well_for_interface_tags_in_every_language() -> None:
    from django.utils import translation

    from techbridge.common.countries import language_name

    with translation.override("zh-hans"):
        assert language_name("zh-hans") == "中文"
    with translation.override("hu"):
        assert language_name("zh-hans") == "kínai"
        assert language_name("en") == "angol"
    assert language_name("xx-unknown") == "xx-unknown"
