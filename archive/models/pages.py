"""The original blog's standalone pages (About, Contact): not posts, in no listing."""

from django.db import models

from .. import markup
from .old_paths import remember_old_url, url_before_save
from .slugs import AtSlug, ancestors, unique_slug


class Page(AtSlug, models.Model):
    title = models.CharField(max_length=300)
    title_html = models.TextField("title with markup", blank=True, help_text="As for posts.")
    slug = models.SlugField(max_length=200, unique=True, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children",
        help_text="The page this one belongs under, as on the original blog.",
    )
    menu_order = models.IntegerField(default=0, help_text="Pages with lower numbers are listed first.")
    body = models.TextField(blank=True, help_text="HTML, as the original blog wrote it; sanitised when shown.")
    body_html = models.TextField(editable=False, blank=True)
    original_url = models.CharField(max_length=2000, blank=True, editable=False)
    wordpress_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    import_key = models.CharField(max_length=300, unique=True, null=True, editable=False)
    import_digest = models.CharField(max_length=64, blank=True, editable=False)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["menu_order", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = self.body.replace("\r\n", "\n").strip()
        self.body_html = markup.render(self.body, "html")
        self.title_html = markup.render_title(self.title_html)
        if not self.slug:
            self.slug = unique_slug(Page, self.title, fallback="page", exclude_pk=self.pk)
        old_url = url_before_save(self)
        super().save(*args, **kwargs)
        remember_old_url(self, old_url)

    url_name = "archive:page"  # its page (AtSlug)

    def ancestors(self):
        """The pages above this one, the topmost first."""
        return ancestors(self)
