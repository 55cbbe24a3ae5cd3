"""Paths that used to lead somewhere, and what they lead to now: old links keep working."""

from django.core.files.storage import default_storage
from django.db import models

# What an old path may lead to, each a foreign key; or else a file of the archive's storage.
TARGETS = ("post", "page", "category", "tag", "author")


def _leads_to(kind):
    """The condition that a row leads to ``kind`` (one of TARGETS, or "file") and to nothing else."""
    keys = models.Q(**{f"{target}__isnull": target != kind for target in TARGETS})
    return keys & (~models.Q(file="") if kind == "file" else models.Q(file=""))


class OldPath(models.Model):
    """A path the archive does not serve itself, and the post, page, category, tag, author or file it names.

    Two kinds: the original blog's links, recorded by the WordPress import (a
    post's permalink such as ``/2013/01/10/slug/``, ``/?p=123``, a nested
    category's ``/category/parent/child/``, an author's ``/author/login/``, an
    attachment's page, which leads to its file once the file is here), and every
    path a post, page, category, tag or author had before an editor changed its
    slug. archive.web.old_links answers them with a 301 to the page as it is now.
    """

    path = models.CharField(max_length=2000, unique=True, help_text="As requested: decoded, with its query if any.")
    post = models.ForeignKey("archive.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="old_paths")
    page = models.ForeignKey("archive.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="old_paths")
    category = models.ForeignKey(
        "archive.Category", null=True, blank=True, on_delete=models.CASCADE, related_name="old_paths"
    )
    tag = models.ForeignKey("archive.Tag", null=True, blank=True, on_delete=models.CASCADE, related_name="old_paths")
    author = models.ForeignKey(
        "archive.Author", null=True, blank=True, on_delete=models.CASCADE, related_name="old_paths"
    )
    # An uploaded file's name in the archive's storage (uploads/YYYY/MM/name.ext), for an attachment's page.
    file = models.CharField(max_length=500, blank=True, default="", db_default="")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "old path"
        constraints = [
            models.CheckConstraint(
                condition=(
                    _leads_to("post") | _leads_to("page") | _leads_to("category") | _leads_to("tag")
                    | _leads_to("author") | _leads_to("file")
                ),
                name="old_path_leads_to_one_thing",
            )
        ]

    def __str__(self):
        return self.path

    @property
    def target(self):
        """The post, page, category, tag or author the path leads to (None for a file)."""
        return self.post or self.page or self.category or self.tag or self.author

    def target_url(self):
        """Where the path leads now: its target's page, or the file's address in the archive's storage."""
        return default_storage.url(self.file) if self.file else self.target.get_absolute_url()

    @classmethod
    def remember(cls, instance, old_url):
        """``instance`` (a post, page, category, tag or author) was at ``old_url`` until now: the path leads
        to it."""
        targets = {target: None for target in TARGETS}
        targets[instance._meta.model_name] = instance
        cls.objects.update_or_create(path=old_url, defaults={**targets, "file": ""})


def url_before_save(instance):
    """The URL ``instance`` had as stored, if this save changes its slug; None otherwise (and for a new row)."""
    if instance.pk is None:
        return None
    stored = type(instance).objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if stored is None or stored == instance.slug:
        return None
    return type(instance)(pk=instance.pk, slug=stored).get_absolute_url()


def remember_old_url(instance, old_url):
    """After a save: the old URL leads to ``instance`` from now on (the slug history)."""
    if old_url:
        OldPath.remember(instance, old_url)
