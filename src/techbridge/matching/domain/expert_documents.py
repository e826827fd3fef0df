"""Expert profiles as the matching core sees them: candidates of kind "expertise".

An expert's expertise is what a demand asks about, so it is weighted like a listing's
title; qualifications support it like a summary. The profile's vector is made from every
language at once, but for ranking each language version is its own candidate (id
"<profile>:<language>"): the core calibrates and weighs words per candidate language, and a
profile written in Chinese, English and Hungarian detected as one language would lose the
word evidence of the other two. The best-ranked version stands for the profile.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from techbridge.directory.models import ExpertProfile
from techbridge_core.matching import MatchDocument, as_fields
from techbridge_core.matching.documents import Fields
from techbridge_core.matching.pool import embedding_text

EXPERT_KIND = "expertise"
EXPERTISE_FIELD = "title"
QUALIFICATIONS_FIELD = "summary"
"""The core's field names the two texts are stored under (its weights and embedding order)."""


def _texts(value: Mapping[str, str] | None) -> Iterable[str]:
    return (value or {}).values()


def expert_fields(profile: ExpertProfile) -> Fields:
    pairs = [(EXPERTISE_FIELD, text) for text in _texts(profile.expertise)]
    pairs += [(QUALIFICATIONS_FIELD, text) for text in _texts(profile.qualifications)]
    return as_fields(pairs)


def expert_text_hash(profile: ExpertProfile, *, model_name: str) -> str:
    """Changes whenever the embedded text or the model changes, so nothing else is re-embedded."""
    text = embedding_text(expert_fields(profile))
    return hashlib.sha256(f"{model_name}\n{text}".encode()).hexdigest()


def _language_versions(profile: ExpertProfile) -> dict[str, Fields]:
    expertise, qualifications = profile.expertise or {}, profile.qualifications or {}
    versions = {
        code: as_fields([(EXPERTISE_FIELD, text), (QUALIFICATIONS_FIELD, qualifications.get(code, ""))])
        for code, text in expertise.items()
    }
    return {code: fields for code, fields in versions.items() if fields} or {"": expert_fields(profile)}


def profile_id_of(document_id: str) -> int:
    return int(document_id.partition(":")[0])


def expert_documents(
    profile: ExpertProfile, *, organisation_id: int | None, country: str, technology_codes: Iterable[str] = ()
) -> list[MatchDocument]:
    """One candidate per language version of the profile. The person's organisation and
    country come from the caller (they live on Person)."""
    codes = frozenset(technology_codes)
    return [
        MatchDocument(
            id=f"{profile.pk}:{code}",
            kind=EXPERT_KIND,
            fields=fields,
            organisation_id=str(organisation_id or ""),
            country=country,
            technology_fields=codes,
            completeness=(bool(profile.expertise) + bool(profile.qualifications)) / 2,
        )
        for code, fields in _language_versions(profile).items()
    ]
