from __future__ import annotations

from typing import Any

from django import forms

from techbridge.accounts.models import User
from techbridge.notifications.domain.preferences import check_save_preferences, user_preferences
from techbridge.notifications.kinds import registered_kinds


class PreferencesForm(forms.Form):
    """One choice per registered kind; the domain checks the same rules on save."""

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        current = user_preferences(user)
        for kind in registered_kinds():
            self.fields[kind.code] = forms.ChoiceField(
                label=str(kind.label),
                choices=[(delivery.value, delivery.label) for delivery in kind.deliveries()],
                initial=current[kind.code].value,
                widget=forms.RadioSelect,
            )

    def save(self) -> None:
        # The fields offer exactly what the domain accepts, so a valid form always saves.
        check_save_preferences(user=self.user, choices=dict(self.cleaned_data))
