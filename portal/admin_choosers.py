"""Snippet choosers that answer 404, not 500, to an id their model cannot hold.

Wagtail's chosen view looks the id up with `objects.get(pk=…)` and turns only "does not
exist" into a 404; an id that is not a UUID (for UUID primary keys) raises ValidationError
and ends in a 500.
"""

from django.core.exceptions import ValidationError
from wagtail.snippets.views.chooser import SnippetChooserViewSet, SnippetChosenView


class SafeSnippetChosenView(SnippetChosenView):
    def get_object(self, pk):
        try:
            return super().get_object(pk)
        except (ValidationError, ValueError, TypeError, OverflowError) as error:
            raise self.model_class.DoesNotExist from error


class SafeSnippetChooserViewSet(SnippetChooserViewSet):
    chosen_view_class = SafeSnippetChosenView
