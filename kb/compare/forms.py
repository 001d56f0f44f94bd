"""The countries to compare, from the query string: ?country=SG&country=CN (or ?country=sg,cn)."""

from django import forms
from django.http import QueryDict

from projects.models import Country

MIN_COUNTRIES = 2
MAX_COUNTRIES = 4


class CountryComparisonForm(forms.Form):
    country = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "There is no country with the code %(value)s."},
    )

    def __init__(self, data: QueryDict | None = None, **kwargs):
        if data is not None:
            codes = [code.strip().upper()[:10] for raw in data.getlist("country") for code in raw.split(",") if code.strip()]
            data = QueryDict(mutable=True)
            data.setlist("country", list(dict.fromkeys(codes)))
        super().__init__(data, **kwargs)
        # The eleven ASEAN members and China first, then the countries that appear as parties or vendor homes.
        countries = sorted(Country.objects.all(), key=lambda country: (not (country.is_asean_member or country.code == "CN"), country.name))
        self.fields["country"].choices = [(country.code, country.label) for country in countries]

    def clean_country(self) -> list[str]:
        codes = self.cleaned_data["country"]
        if len(codes) > MAX_COUNTRIES:
            raise forms.ValidationError(f"Compare at most {MAX_COUNTRIES} countries at a time; you chose {len(codes)}.")
        return codes

    def chosen_codes(self) -> list[str]:
        """The valid codes chosen, in the order given; empty until the form is valid."""
        return self.cleaned_data.get("country", []) if self.is_bound and self.is_valid() else []
