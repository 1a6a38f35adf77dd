"""News and guest blogs: categories (a snippet), the index with tag and category pages and
pagination, and the article page."""

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from cms_pages.article_blocks import ArticleBodyBlock
from portal.page_cache import SharedByAudiencePage

ARTICLES_PER_PAGE = 10

# The path words of an index's tag and category pages, in the index's language
# (/ajankohtaista/avainsana/kick-off/, /sv/aktuellt/tagg/…, /en/news/tag/…). Every word is
# routed on every index; a word of another language (the English words were the only ones
# once) redirects to the index's own, so old links keep working.
FILTER_PATH_WORDS = {
    "fi": {"tag": "avainsana", "category": "kategoria"},
    "sv": {"tag": "tagg", "category": "kategori"},
    "en": {"tag": "tag", "category": "category"},
}
TAG_WORDS = sorted({words["tag"] for words in FILTER_PATH_WORDS.values()})
CATEGORY_WORDS = sorted({words["category"] for words in FILTER_PATH_WORDS.values()})


def filter_path_words(language: str | None = None) -> dict[str, str]:
    """The tag and category path words of a language (the active one by default)."""
    code = (language or translation.get_language() or "fi").split("-")[0]
    return FILTER_PATH_WORDS.get(code, FILTER_PATH_WORDS["fi"])


def _stack(decorators):
    def apply(func):
        for decorator in decorators:
            func = decorator(func)
        return func

    return apply


@register_snippet
class NewsCategory(TranslatableMixin, models.Model):
    """A category of news articles, e.g. "Project news" or "Events"."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["name"]

    def __str__(self):
        return self.name


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms_pages.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


def paginate(request, queryset, per_page=ARTICLES_PER_PAGE, param="page"):
    """The requested page of `queryset` (the first one for a bad number, the last when too far)."""
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get(param, 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


class NewsIndexPage(SharedByAudiencePage, RoutablePageMixin, Page):
    """Lists the articles below it, newest first; <tag word>/<slug>/ and <category word>/<slug>/
    filter (the words in the page's language, FILTER_PATH_WORDS)."""

    intro = models.TextField(_("introduction"), blank=True)
    is_blog = models.BooleanField(
        _("guest blog"),
        default=False,
        help_text=_("The articles below are guest blog posts (shown with their author)."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("is_blog")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["cms_pages.HomePage", "cms_pages.StandardPage"]
    subpage_types = ["cms_pages.NewsPage"]

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")

    def articles(self):
        """The live, public articles below this index, newest first, with their categories."""
        return (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .select_related("listing_image")
            .prefetch_related("categories", "tagged_items__tag")
            .order_by("-date", "-first_published_at", "-pk")
        )

    def _render_list(self, request, articles, **extra):
        context = self.get_context(request)
        context.update(articles=paginate(request, articles), **extra)
        return self.render(request, context_overrides=context)

    @path("")
    def index_route(self, request):
        return self._render_list(request, self.articles())

    @property
    def tag_path_word(self) -> str:
        return filter_path_words()["tag"]

    @property
    def category_path_word(self) -> str:
        return filter_path_words()["category"]

    def _own_word_or_redirect(self, request, kind: str, slug: str):
        """None when the address uses this language's word; else a permanent redirect."""
        word = filter_path_words()[kind]
        own = f"{self.get_url(request)}{word}/{slug}/"
        if request.path == own:
            return None
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{own}?{query}" if query else own)

    @_stack([path(f"{word}/<str:tag>/") for word in TAG_WORDS])
    def tag_route(self, request, tag):
        found = Tag.objects.filter(slug=tag).first()
        if found is None:
            raise Http404
        if redirect := self._own_word_or_redirect(request, "tag", tag):
            return redirect
        return self._render_list(
            request, self.articles().filter(tagged_items__tag=found), current_tag=found
        )

    @_stack([path(f"{word}/<str:category>/") for word in CATEGORY_WORDS])
    def category_route(self, request, category):
        found = NewsCategory.objects.filter(slug=category, locale_id=self.locale_id).first()
        if found is None:
            raise Http404
        if redirect := self._own_word_or_redirect(request, "category", category):
            return redirect
        return self._render_list(
            request, self.articles().filter(categories=found), current_category=found
        )


def today():
    return timezone.localdate()


class NewsPageForm(WagtailAdminPageForm):
    """The article editor: the category picker offers the categories of the page's own
    language only (a Swedish article gets the Swedish categories)."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        field = self.fields.get("categories")
        locale_id = self.instance.locale_id or getattr(parent_page, "locale_id", None)
        if field is not None and locale_id:
            field.queryset = field.queryset.filter(locale_id=locale_id)


class NewsPage(SharedByAudiencePage, Page):
    """A news article or guest blog post."""

    base_form_class = NewsPageForm

    date = models.DateField(_("date"), default=today)
    author = models.CharField(_("author"), max_length=200, blank=True)
    lead = models.TextField(_("lead"), help_text=_("A sentence or two shown in listings."))
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image for listings and social media"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))
    categories = ParentalManyToManyField(
        NewsCategory, blank=True, verbose_name=_("categories"), related_name="articles"
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("author"),
                FieldPanel("tags"),
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Article information"),
        ),
        FieldPanel("lead"),
        FieldPanel("listing_image"),
        FieldPanel("body"),
        InlinePanel("related_links", label=_("Related pages")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("author"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms_pages.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["og_type"] = "article"
        return context

    def related_pages(self):
        """The live, public pages the editor linked as related."""
        ids = [link.target_id for link in self.related_links.all()]
        pages = Page.objects.filter(pk__in=ids).live().public().specific()
        by_id = {page.pk: page for page in pages}
        return [by_id[pk] for pk in ids if pk in by_id]


class NewsRelatedLink(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_links")
    target = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("target")]
