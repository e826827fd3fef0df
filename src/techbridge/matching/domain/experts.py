"""Suggested experts for a demand or an R&D request, ranked by the matching core.

Each expert profile is a candidate of kind "expertise" (its multilingual expertise and
qualifications, with the person's organisation and country); stored vectors come from
`ExpertVector`. Candidates are only the profiles of people the viewer may see, and the
organisation of a suggested expert is named only when the viewer may see it too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import QuerySet
from django.utils import timezone

from techbridge.directory.models import ExpertProfile, Organisation, TechnologyField
from techbridge.directory.roles import AnyUser
from techbridge.market.models import Listing
from techbridge.matching.domain.embedders import get_embedder
from techbridge.matching.domain.expert_documents import expert_documents, profile_id_of
from techbridge.matching.domain.listing_documents import CORE_KIND, listing_fields
from techbridge.matching.domain.pool_cache import cached_pool
from techbridge_core.matching import (
    CandidatePool,
    Embedder,
    Match,
    Query,
    RankingSettings,
    prepare_pool,
    rank,
)

MAX_VERSIONS = 4
"""Language versions of a profile that may rank before its best one is kept."""


@dataclass(frozen=True, slots=True)
class SuggestedExpert:
    """One suggested expert: the profile (with its person), the core's match, the technology
    fields and spoken languages shared with the listing, and whether the organisation may be named."""

    profile: ExpertProfile
    match: Match
    shared_fields: tuple[TechnologyField, ...]
    shared_languages: tuple[str, ...]
    organisation_visible: bool


def _expert_candidates(experts: QuerySet[ExpertProfile], *, model_name: str) -> QuerySet[ExpertProfile]:
    return (
        experts.filter(match_vector__model_name=model_name)
        .select_related("person", "person__organisation", "match_vector")
        .prefetch_related("technology_fields")
        .order_by("pk")
    )


def _expert_pool(
    profiles: list[ExpertProfile], fields_of: dict[int, tuple[TechnologyField, ...]], *, embedder: Embedder
) -> CandidatePool:
    key = tuple(
        (
            p.pk,
            p.match_vector.text_hash,
            p.person.organisation_id,
            p.person.country,
            tuple(f.pk for f in fields_of[p.pk]),
        )
        for p in profiles
    )

    def build() -> CandidatePool:
        documents, rows = [], []
        for p in profiles:
            versions = expert_documents(
                p,
                organisation_id=p.person.organisation_id,
                country=p.person.country,
                technology_codes=(f.code for f in fields_of[p.pk]),
            )
            documents += versions
            rows += [p.match_vector.as_array()] * len(versions)
        return prepare_pool(documents, embedder=embedder, vectors=np.stack(rows))

    return cached_pool(("experts", embedder.name, *key), build)


def _settings(limit: int) -> RankingSettings:
    """No cap per organisation: the versions of one profile would count against it."""
    return RankingSettings(
        limit=limit * MAX_VERSIONS, explain_top=limit * MAX_VERSIONS, max_per_organisation=None
    )


def _best_version_of_each(ranked: tuple[Match, ...]) -> list[Match]:
    seen: set[int] = set()
    best = []
    for match in ranked:
        if (profile := profile_id_of(match.id)) not in seen:
            seen.add(profile)
            best.append(match)
    return best


def spoken_languages_of(listing: Listing) -> frozenset[str]:
    """The languages the listing is written in, as spoken-language codes ("zh-hans" -> "zh")."""
    return frozenset(code.split("-")[0] for code in (listing.title or {}))


def suggested_experts(
    *,
    user: AnyUser,
    experts: QuerySet[ExpertProfile],
    organisations: QuerySet[Organisation],
    listing: Listing,
    limit: int = 5,
) -> list[SuggestedExpert]:
    """The experts among `experts` (those the user may see: `matching.access.candidate_experts`)
    whose expertise best answers `listing` (a demand or R&D request); an expert's organisation is
    named only when it is among `organisations` (those the user may see).

    Experts of the listing's owner organisation and the viewer themselves are left out: the
    owner already knows its own people.
    """
    embedder = get_embedder()
    profiles = list(_expert_candidates(experts, model_name=embedder.name))
    fields_of = {p.pk: tuple(p.technology_fields.all()) for p in profiles}
    pool = _expert_pool(profiles, fields_of, embedder=embedder) if profiles else None
    myself = {p.pk for p in profiles if user.is_authenticated and p.person.user_id == user.pk}
    allowed = frozenset(d.id for d in pool.documents if profile_id_of(d.id) not in myself) if pool else None
    if pool is None or not allowed:
        return []
    query = Query(
        fields=listing_fields(listing),
        kind=CORE_KIND.get(listing.kind, listing.kind),
        organisation_id=str(listing.owner_organisation_id),
        today=timezone.localdate(),
    )
    ranked = rank(query, pool, embedder=embedder, allowed_ids=allowed, settings=_settings(limit))
    matches = _best_version_of_each(ranked)[:limit]
    by_pk = {p.pk: p for p in profiles}
    chosen = [by_pk[profile_id_of(m.id)] for m in matches]
    organisation_ids = {p.person.organisation_id for p in chosen if p.person.organisation_id is not None}
    visible_organisation_ids = (
        set(organisations.filter(pk__in=organisation_ids).values_list("pk", flat=True))
        if organisation_ids
        else set()
    )
    own_fields = {f.pk for f in listing.technology_fields.all()}
    languages = spoken_languages_of(listing)
    return [
        SuggestedExpert(
            profile=profile,
            match=match,
            shared_fields=tuple(f for f in fields_of[profile.pk] if f.pk in own_fields),
            shared_languages=tuple(code for code in profile.person.languages if code in languages),
            organisation_visible=profile.person.organisation_id in visible_organisation_ids,
        )
        for profile, match in zip(chosen, matches, strict=True)
    ]
