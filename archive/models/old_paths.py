"""Paths that used to lead somewhere, and what they lead to now: old links keep working."""

from django.db import models


class OldPath(models.Model):
    """A path the archive does not serve itself, and the post, page, category or tag it stands for.

    Two kinds: the original blog's links, recorded by the WordPress import (a
    post's permalink such as ``/2013/01/10/slug/``, ``/?p=123``, a nested
    category's ``/category/parent/child/``), and every path a post, page,
    category or tag had before an editor changed its slug. archive.web.old_links
    answers them with a 301 to the page as it is now.
    """

    path = models.CharField(max_length=2000, unique=True, help_text="As requested: decoded, with its query if any.")
    post = models.ForeignKey("archive.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="old_paths")
    page = models.ForeignKey("archive.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="old_paths")
    category = models.ForeignKey(
        "archive.Category", null=True, blank=True, on_delete=models.CASCADE, related_name="old_paths"
    )
    tag = models.ForeignKey("archive.Tag", null=True, blank=True, on_delete=models.CASCADE, related_name="old_paths")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "old path"
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(post__isnull=False, page=None, category=None, tag=None)
                    | models.Q(post=None, page__isnull=False, category=None, tag=None)
                    | models.Q(post=None, page=None, category__isnull=False, tag=None)
                    | models.Q(post=None, page=None, category=None, tag__isnull=False)
                ),
                name="old_path_leads_to_one_thing",
            )
        ]

    def __str__(self):
        return self.path

    @property
    def target(self):
        return self.post or self.page or self.category or self.tag

    @classmethod
    def remember(cls, instance, old_url):
        """``instance`` (a post, page, category or tag) was at ``old_url`` until now: the path leads to it."""
        kind = instance._meta.model_name
        targets = {"post": None, "page": None, "category": None, "tag": None, kind: instance}
        cls.objects.update_or_create(path=old_url, defaults=targets)


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
