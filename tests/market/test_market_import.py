from __future__ import annotations

import io

import pytest
from django.test import Client
from market_world import Market, build_listing
from openpyxl import Workbook

from techbridge.directory.models import Organisation
from techbridge.market.models import ImportBatch, ImportedObject, Listing
from world import client_for

pytestmark = pytest.mark.django_db

LISTING_HEADER = "external_ref,owner,kind,title_en,title_zh,summary_en,keywords,trl\n"


def upload(client: Client, kind: str, name: str, data: bytes) -> str:
    file = io.BytesIO(data)
    file.name = name
    response = client.post("/market/import/", {"kind": kind, "file": file})
    return response.content.decode()


def import_file(client: Client, kind: str, name: str, data: bytes) -> str:
    html = upload(client, kind, name, data)
    assert "Preview" in html, html
    sha = html.split('name="sha256" value="')[1].split('"')[0]
    response = client.post("/market/import/commit/", {"sha256": sha}, follow=True)
    return response.content.decode()


def listings_csv(market: Market, rows: int = 3) -> bytes:
    lines = [
        f"L{i},{market.owner_org.pk},offer,Battery {i},电池 {i},A summary,电池，储能,{1 + i % 9}\n"
        for i in range(rows)
    ]
    return (LISTING_HEADER + "".join(lines)).encode("utf-8")


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_operator_imports_listings_as_drafts(market: Market) -> None:
    client = client_for(market.operator)
    html = import_file(client, "listings", "l.csv", listings_csv(market))
    assert "Imported 3 new of 3 rows" in html
    imported = Listing.objects.filter(pk__in=ImportedObject.objects.values("object_id"))
    assert imported.count() == 3
    assert set(imported.values_list("status", flat=True)) == {"draft"}
    listing = imported.get(title__en="Battery 1")
    assert listing.title["zh-hans"] == "电池 1"
    assert listing.keywords == ["电池", "储能"]
    assert listing.centre_id == market.centre.pk
    assert listing.transitions.count() == 1


def test_reimporting_the_same_file_or_rows_creates_nothing(market: Market) -> None:
    client = client_for(market.operator)
    import_file(client, "listings", "l.csv", listings_csv(market))
    before = Listing.objects.count()
    html = import_file(client, "listings", "l.csv", listings_csv(market))
    assert "Imported 0 new" in html
    html = import_file(client, "listings", "l2.csv", listings_csv(market, rows=4))  # a new file, one new row
    assert "Imported 1 new of 4 rows" in html
    assert Listing.objects.count() == before + 1
    assert ImportBatch.objects.count() == 2


def test_file_with_errors_reports_every_bad_row_and_commits_nothing(market: Market) -> None:
    data = (
        LISTING_HEADER
        + f"A,{market.owner_org.pk},offer,Fine,,S,,3\n"
        + f"B,{market.outside_org.pk},offer,Not my centre,,S,,3\n"
        + f"C,{market.owner_org.pk},barter,,,S,,10\n"
    ).encode()
    before = Listing.objects.count()
    html = upload(client_for(market.operator), "listings", "bad.csv", data)
    assert "Nothing was imported" in html
    assert "Row 3, column “owner”" in html
    assert "Row 4, column “kind”" in html
    assert "Row 4, column “title_en”" in html
    assert "Row 4, column “trl”" in html
    assert "Row 2," not in html
    assert Listing.objects.count() == before
    assert not ImportBatch.objects.exists()


def test_xlsx_formula_cells_are_refused(market: Market) -> None:
    data = xlsx(
        [
            ["external_ref", "name_en", "kind", "country"],
            ["O1", '=HYPERLINK("http://evil")', "university", "HU"],
            ["O2", "Fine University", "university", "HU"],
        ]
    )
    html = upload(client_for(market.operator), "organisations", "o.xlsx", data)
    assert "Row 2, column “name_en”: formulas are not accepted" in html
    assert not Organisation.objects.filter(name__en="Fine University").exists()


def test_gb18030_csv_of_organisations_is_imported_into_the_operators_centre(market: Market) -> None:
    data = "external_ref,name_en,name_zh,kind,country,city\nO1,Harbin Institute,哈尔滨工业大学,university,cn,哈尔滨\n"
    html = import_file(client_for(market.operator), "organisations", "o.csv", data.encode("gb18030"))
    assert "Imported 1 new" in html
    organisation = Organisation.objects.get(short_name="", name__en="Harbin Institute")
    assert organisation.name["zh-hans"] == "哈尔滨工业大学"
    assert organisation.centre_id == market.centre.pk
    assert "哈尔滨工业大学".casefold() in organisation.search_text


def test_xlsx_listings_import_with_owner_by_imported_ref(market: Market) -> None:
    client = client_for(market.admin)
    import_file(
        client, "organisations", "o.csv", b"external_ref,name_en,kind,country\nORG-9,Nine Ltd,enterprise,HU\n"
    )
    data = xlsx(
        [
            ["external_ref", "owner", "kind", "title_en", "summary_en", "visibility"],
            ["X1", "ORG-9", "demand", "Need a sensor", "Summary", "alliance"],
        ]
    )
    html = import_file(client, "listings", "l.xlsx", data)
    assert "Imported 1 new" in html
    listing = Listing.objects.get(title__en="Need a sensor")
    assert listing.owner_organisation.name["en"] == "Nine Ltd"
    assert listing.visibility == "alliance"


def test_fifty_megabyte_upload_is_refused_with_a_clear_message(market: Market) -> None:
    html = upload(client_for(market.operator), "listings", "huge.csv", b"a" * (50 * 1024 * 1024))
    assert "The file is too large (50 MB): at most 20 MB can be imported." in html
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize("role", ["anonymous", "outsider", "owner", "partner"])
def test_only_operators_and_admins_may_import(market: Market, role: str) -> None:
    response = client_for(market.user(role)).get("/market/import/")
    assert response.status_code in (302, 403)


def test_commit_without_a_preview_imports_nothing(market: Market) -> None:
    response = client_for(market.operator).post("/market/import/commit/", {"sha256": "0" * 64}, follow=True)
    assert "Nothing to import" in response.content.decode()


def test_the_same_refs_of_another_centre_are_not_skipped(market: Market) -> None:
    import_file(client_for(market.operator), "listings", "l.csv", listings_csv(market, rows=2))
    other = (LISTING_HEADER + f"L0,{market.alliance_org.pk},offer,Other,,S,,3\n").encode()
    html = import_file(client_for(market.alliance_operator), "listings", "l.csv", other)
    assert "Imported 1 new of 1 rows" in html
    assert Listing.objects.filter(title__en="Other", owner_organisation=market.alliance_org).exists()


def test_operator_may_not_import_listings_for_other_centres(market: Market) -> None:
    data = (LISTING_HEADER + f"L0,{market.outside_org.pk},offer,Other,,S,,3\n").encode()
    html = upload(client_for(market.operator), "listings", "l.csv", data)
    assert "Row 2, column “owner”" in html


def test_imported_rows_read_back_like_saved_ones_and_keys_continue(market: Market) -> None:
    client = client_for(market.operator)
    import_file(client, "listings", "l.csv", listings_csv(market, rows=30))
    imported = Listing.objects.filter(pk__in=ImportedObject.objects.values("object_id")).order_by("pk")
    saved_after = build_listing(market.owner_org, publish=False)

    listing = imported.get(title__en="Battery 7")
    assert imported.count() == 30
    assert (listing.trl, listing.country, listing.visibility, listing.languages) == (
        8, market.owner_org.country, "public", " en zh-hans ",
    )  # fmt: skip
    assert (listing.description, listing.partnership_types, listing.anonymous) == ({}, [], False)
    assert "电池 7" in listing.search_text
    assert listing.updated_at >= listing.created_at
    assert saved_after.pk > max(imported.values_list("pk", flat=True))
    assert Listing.objects.filter(search_text__contains="battery 29").count() == 1


def test_nul_byte_in_a_csv_cell_is_refused_at_preview_with_row_and_column(market: Market) -> None:
    data = listings_csv(market).replace(b"Battery 1", b"Batt\x00ery 1")

    response = client_for(market.operator).post(
        "/market/import/", {"kind": "listings", "file": _named(data, "nul.csv")}
    )

    assert response.status_code == 422
    assert "Row 3, column “title_en”: the cell contains a control character" in response.content.decode()
    assert not Listing.objects.filter(title__en__startswith="Batt").exists()


def test_nul_byte_at_the_confirm_step_answers_422_and_imports_nothing(market: Market) -> None:
    """A pending file (kept between preview and confirm) is read again at confirm and checked again."""
    from pathlib import Path

    from django.conf import settings as django_settings

    data = listings_csv(market).replace(b"A summary", b"A sum\x00mary")
    sha = "0" * 64
    folder = Path(django_settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / sha).write_bytes(data)
    client = client_for(market.operator)
    session = client.session
    session["market_import"] = {"sha256": sha, "kind": "listings", "filename": "nul.csv"}
    session.save()

    response = client.post("/market/import/commit/", {"sha256": sha})

    assert response.status_code == 422
    assert "the cell contains a control character" in response.content.decode()
    assert ImportBatch.objects.count() == 0


def _named(data: bytes, name: str) -> io.BytesIO:
    file = io.BytesIO(data)
    file.name = name
    return file
