"""A market ranking backend backed by the matching engine (cross-lingual keyword search).

Registered as "matching" at start-up but not made the default: the lead switches it on with
`use_ranking_backend("matching")` once the E5 model is built on the servers. Like every
backend it only narrows and orders the queryset it is given, never widens it.
"""

from __future__ import annotations

import numpy as np
from django.db.models import Case, IntegerField, QuerySet, Value, When

from techbridge.market.models import Listing
from techbridge.matching.embedders import get_embedder
from techbridge.matching.listing_documents import listing_document
from techbridge_core.matching import Query, RankingSettings, as_fields, prepare_pool, rank

MAX_CANDIDATES = 5000
MAX_RESULTS = 200
SEMANTIC_Z = 1.0
"""A listing sharing no word with the query is kept when its meaning stands out this many
standard deviations above the other candidates in its language."""

_SEARCH_SETTINGS = RankingSettings(limit=MAX_RESULTS, explain_top=0, max_per_organisation=None)


class MatchingRanking:
    name = "matching"

    def rank(self, listings: QuerySet[Listing], *, query: str) -> QuerySet[Listing]:
        embedder = get_embedder()
        candidates = list(
            listings.filter(match_vector__model_name=embedder.name)
            .select_related("match_vector")
            .prefetch_related("technology_fields")
            .order_by("pk")[:MAX_CANDIDATES]
        )
        if not candidates or not query.strip():
            return listings.none()
        documents = [
            listing_document(c, technology_codes=(f.code for f in c.technology_fields.all()))
            for c in candidates
        ]
        pool = prepare_pool(
            documents, embedder=embedder, vectors=np.stack([c.match_vector.as_array() for c in candidates])
        )
        matches = rank(
            Query(fields=as_fields([("title", query)])), pool, embedder=embedder, settings=_SEARCH_SETTINGS
        )
        kept = [
            int(m.id) for m in matches if m.parts.lexical > 0 or m.parts.semantic_calibrated >= SEMANTIC_Z
        ]
        if not kept:
            return listings.none()
        order = Case(
            *(When(pk=pk, then=Value(place)) for place, pk in enumerate(kept)), output_field=IntegerField()
        )
        return listings.filter(pk__in=kept).order_by(order)
