from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from market_world import Market, build_listing
from openpyxl import load_workbook

from techbridge.market.access import visible_listings
from world import client_for

pytestmark = pytest.mark.django_db


def exported_csv(market: Market, role: str, query: str = "") -> list[list[str]]:
    response = client_for(market.user(role)).get(f"/market/export.csv{query}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="listings.csv"'
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("role", ["anonymous", "outsider", "partner", "alliance_member"])
def test_export_holds_only_visible_listings(market: Market, role: str) -> None:
    rows = exported_csv(market, role)
    exported = {int(row[0]) for row in rows[1:]}
    visible = set(
        visible_listings(market.user(role) or AnonymousUser())
        .filter(status="published")
        .values_list("pk", flat=True)
    )
    assert exported == visible
    assert market.listings["draft"].pk not in exported
    if role in ("anonymous", "outsider"):
        assert market.listings["alliance"].pk not in exported
        assert market.listings["confidential"].pk not in exported


def test_export_hides_anonymous_owner(market: Market) -> None:
    rows = exported_csv(market, "outsider")
    anonymous = next(row for row in rows if row[0] == str(market.listings["anonymous"].pk))
    assert anonymous[4] == ""
    assert "Secret Sensor Labs" not in "".join(",".join(row) for row in rows)
    public = next(row for row in rows if row[0] == str(market.listings["public"].pk))
    assert public[4] == "Acme Battery Works"


def test_export_escapes_formulas_in_csv_and_xlsx(market: Market) -> None:
    evil = build_listing(
        market.owner_org, actor=market.owner, visibility="public", title={"en": '=HYPERLINK("http://x","y")'}
    )
    rows = exported_csv(market, "outsider")
    row = next(row for row in rows if row[0] == str(evil.pk))
    assert row[2] == '\'=HYPERLINK("http://x","y")'
    response = client_for(None).get("/market/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell for cell in cells if cell.data_type == "f"]
    assert '\'=HYPERLINK("http://x","y")' in [cell.value for cell in cells]


def test_export_follows_the_search_filters(market: Market) -> None:
    other = build_listing(market.owner_org, actor=market.owner, kind="demand", title={"en": "Need sensors"})
    rows = exported_csv(market, "anonymous", "?kind=demand")
    assert [row[0] for row in rows[1:]] == [str(other.pk)]
