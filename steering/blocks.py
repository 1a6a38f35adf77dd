"""StreamField blocks of meeting pages: the agenda and the minutes.

Text stays text: no raw HTML block, and rich text uses the portal's small feature set.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms_pages.blocks import DocumentLinkBlock, HeadingBlock, ParagraphBlock


class AgendaItemBlock(blocks.StructBlock):
    """One numbered item of the agenda (the number comes from its position)."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    description = ParagraphBlock(label=_("Description"), required=False)
    presenter = blocks.CharBlock(label=_("Presenter"), max_length=200, required=False)
    proposal = blocks.TextBlock(label=_("Proposal for a decision"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("Agenda item")
        template = "steering/blocks/agenda_item.html"


class DecisionBlock(blocks.StructBlock):
    """What the meeting decided on one matter."""

    matter = blocks.CharBlock(label=_("Matter"), max_length=200)
    decision = blocks.TextBlock(label=_("Decision"))

    class Meta:
        icon = "tick"
        label = _("Decision")
        template = "steering/blocks/decision.html"


class AgendaBlock(blocks.StreamBlock):
    item = AgendaItemBlock()


class MinutesBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    decision = DecisionBlock()
    document = DocumentLinkBlock()
