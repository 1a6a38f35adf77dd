"""The steward's proposal forms. They validate as the admin does: a ModelForm runs the
model's full_clean() (field validators, clean(), constraints) on a copy of the record that is
never saved, and every channel is validated by ServiceChannel.clean()."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ecosystem.models import (
    Municipality,
    Organisation,
    Service,
    ServiceChannel,
    TargetGroup,
)
from ecosystem.models.choices import ServiceStatus
from ecosystem.stewardship.fields import CHANNEL_KEYS, TEXT_FIELDS, channel_value

STATE_ACTIVE = "active"
STATE_PAUSED = "paused"
STATE_ENDING = "ending"
STATE_CHOICES = [
    (STATE_ACTIVE, _("Active")),
    (STATE_PAUSED, _("Paused (temporarily closed)")),
    (STATE_ENDING, _("Ending on a date")),
]
TEXTAREA = {"rows": 4}


def _ids(queryset_or_list) -> list[str]:
    return sorted(str(getattr(item, "pk", item)) for item in queryset_or_list)


class ServiceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Service) -> str:
        return obj.localized_name


class ServiceProposalForm(forms.ModelForm):
    """What a provider knows about a service. `state` stands for status + ends_on."""

    state = forms.ChoiceField(
        label=_("Status"), choices=STATE_CHOICES, widget=forms.RadioSelect, initial=STATE_ACTIVE
    )
    referrals_to = ServiceChoiceField(
        label=_("Refers customers to"),
        queryset=Service.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    referrals_from = ServiceChoiceField(
        label=_("Receives referrals from"),
        queryset=Service.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Note to the reviewer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Optional: why the change, or where the information comes from."),
    )

    class Meta:
        model = Service
        fields = [
            *TEXT_FIELDS,
            "service_class",
            "target_groups",
            "minimum_age",
            "maximum_age",
            "municipalities",
            "ends_on",
        ]
        widgets = {
            "description_fi": forms.Textarea(attrs=TEXTAREA),
            "description_sv": forms.Textarea(attrs=TEXTAREA),
            "description_en": forms.Textarea(attrs=TEXTAREA),
            "target_groups": forms.CheckboxSelectMultiple,
            "municipalities": forms.CheckboxSelectMultiple,
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, referral_choices=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        service = self.instance
        choices = referral_choices if referral_choices is not None else Service.objects.all()
        if not service._state.adding:
            choices = choices.exclude(pk=service.pk)
        for name in ("referrals_to", "referrals_from"):
            self.fields[name].queryset = choices.order_by("name_fi")
        self.fields["target_groups"].queryset = TargetGroup.objects.order_by("name_fi")
        self.fields["municipalities"].queryset = Municipality.objects.order_by("name_fi")
        self.fields["target_groups"].help_text = _("Leave all unticked if anyone may use it.")
        self.fields["ends_on"].help_text = _("The last day the service is offered.")
        if not self.is_bound:
            if service.ends_on:
                self.initial["state"] = STATE_ENDING
            elif service.status == ServiceStatus.TEMPORARILY_CLOSED:
                self.initial["state"] = STATE_PAUSED

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        state = cleaned.get("state")
        if state == STATE_ENDING and not cleaned.get("ends_on"):
            self.add_error("ends_on", _("Give the date the service ends."))
        if state in (STATE_ACTIVE, STATE_PAUSED):
            cleaned["ends_on"] = None
        if state == STATE_PAUSED:
            self.instance.status = ServiceStatus.TEMPORARILY_CLOSED
        elif state in (STATE_ACTIVE, STATE_ENDING):
            self.instance.status = ServiceStatus.ACTIVE
        return cleaned

    def proposed_values(self) -> dict[str, Any]:
        """The cleaned form as a proposal stores it (fields.SERVICE_FIELDS)."""
        data = self.cleaned_data
        values: dict[str, Any] = {name: data.get(name) or "" for name in TEXT_FIELDS}
        ends_on = data.get("ends_on")
        values.update(
            service_class=data.get("service_class"),
            target_groups=_ids(data.get("target_groups") or []),
            minimum_age=data.get("minimum_age"),
            maximum_age=data.get("maximum_age"),
            municipalities=_ids(data.get("municipalities") or []),
            status=self.instance.status,
            ends_on=ends_on.isoformat() if ends_on else None,
            referrals_to=_ids(data.get("referrals_to") or []),
            referrals_from=_ids(data.get("referrals_from") or []),
        )
        return values


class ChannelForm(forms.ModelForm):
    class Meta:
        model = ServiceChannel
        fields = list(CHANNEL_KEYS)
        widgets = {"opening_hours": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name_fi")


ChannelFormSet = forms.formset_factory(ChannelForm, extra=1, can_delete=True, max_num=20)


def channel_initial(service: Service) -> list[dict[str, Any]]:
    return [channel_value(channel) for channel in service.channels.all()]


def channel_values(formset) -> list[dict[str, str]]:
    """The kept, filled-in channels of a valid formset, as a proposal stores them."""
    channels = []
    for form in formset.forms:
        if not form.has_changed() and not form.initial:
            continue
        if formset.can_delete and formset._should_delete_form(form):
            continue
        data = form.cleaned_data
        if not data:
            continue
        value = {key: data.get(key) or "" for key in CHANNEL_KEYS if key != "municipality"}
        value["municipality"] = str(data["municipality"].pk) if data.get("municipality") else ""
        channels.append({key: value[key] for key in CHANNEL_KEYS})
    return channels


class OrganisationProposalForm(forms.ModelForm):
    note = ServiceProposalForm.base_fields["note"]

    class Meta:
        model = Organisation
        fields = [*TEXT_FIELDS, "website", "email", "phone", "municipalities"]
        widgets = {
            "description_fi": forms.Textarea(attrs=TEXTAREA),
            "description_sv": forms.Textarea(attrs=TEXTAREA),
            "description_en": forms.Textarea(attrs=TEXTAREA),
            "municipalities": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = Municipality.objects.order_by("name_fi")

    def proposed_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values: dict[str, Any] = {name: data.get(name) or "" for name in TEXT_FIELDS}
        values.update(
            website=data.get("website") or "",
            email=data.get("email") or "",
            phone=data.get("phone") or "",
            municipalities=_ids(data.get("municipalities") or []),
        )
        return values


def nothing_changed_error() -> ValidationError:
    return ValidationError(_("Nothing was changed: change at least one field to propose."))
