"""Django admin for operators. Non-superusers see only what the access funnel lets them see."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from techbridge.directory.access import editable_organisations, editable_people
from techbridge.directory.models import (
    Alliance,
    Branch,
    Centre,
    CentreOperator,
    ExpertProfile,
    Industry,
    Membership,
    Organisation,
    Person,
    TechnologyField,
)


class BranchInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Branch
    extra = 0


class OperatorInline(admin.TabularInline):  # type: ignore[type-arg]
    model = CentreOperator
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("slug", "__str__", "alliance", "country", "city")
    inlines = (BranchInline, OperatorInline)


@admin.register(Alliance)
class AllianceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("slug", "__str__")


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("__str__", "kind", "country", "centre", "is_published")
    list_filter = ("is_published", "kind", "centre")
    search_fields = ("search_text",)
    filter_horizontal = ("technology_fields", "industries")
    inlines = (MembershipInline,)
    actions = ("publish",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Organisation]:
        return editable_organisations(request.user).select_related("centre")

    @admin.action(description="Publish the selected organisations")
    def publish(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        queryset.update(is_published=True)


class ExpertInline(admin.StackedInline):  # type: ignore[type-arg]
    model = ExpertProfile
    extra = 0
    filter_horizontal = ("technology_fields",)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("full_name", "organisation", "country", "visibility")
    search_fields = ("search_text",)
    raw_id_fields = ("user", "organisation")
    inlines = (ExpertInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Person]:
        return editable_people(request.user).select_related("organisation")


@admin.register(TechnologyField)
class TechnologyFieldAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "__str__", "parent")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "__str__")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)
