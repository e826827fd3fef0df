from django import forms
from django.utils.translation import gettext_lazy as _


class RemoteInterestForm(forms.Form):
    message = forms.CharField(label=_("Message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6}))


class InvitationForm(forms.Form):
    name = forms.CharField(label=_("Name of the partner installation"), max_length=200)


class AcceptInvitationForm(forms.Form):
    code = forms.CharField(label=_("Invitation code"), widget=forms.Textarea(attrs={"rows": 4}))
    centres = forms.CharField(label=_("Centres this installation speaks for"), max_length=500, required=False)
