"""The sources a briefing cites: an outlet, a date and a link."""

from django.db import models


class Source(models.Model):
    """A source cited by a briefing, in the order the briefing lists them."""

    post = models.ForeignKey("archive.Post", on_delete=models.CASCADE, related_name="sources")
    outlet = models.ForeignKey("archive.Outlet", on_delete=models.PROTECT, related_name="citations")
    date = models.DateField(help_text="Date of the cited article.")
    url = models.URLField("URL", max_length=2000)
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        # post_id, not post: ordering by the post would sort by its whole listing order.
        ordering = ["post_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["post", "position"], name="source_position_unique")
        ]

    def __str__(self):
        return f"{self.outlet}, {self.date:%B} {self.date.day}, {self.date.year}"
