"""The admin site: its names, and on its home page the comments awaiting moderation.

Django's admin uses it in place of its own default site (BriefingsAdminConfig in
briefings/apps.py, named in INSTALLED_APPS), so every `admin.site` is this one;
the screens registered on it are archive/admin/. It lives outside that package:
importing it must not register them while the default site is being made.
"""

from django.contrib import admin
from django.urls import reverse

from archive.models import Comment


class BriefingsAdminSite(admin.AdminSite):
    site_header = "Briefings archive"
    site_title = "Briefings admin"
    index_title = "Edit the archive"
    # Django's home page with the moderation queue above the models (archive/templates/archive/admin/).
    index_template = "archive/admin/index.html"

    def index(self, request, extra_context=None):
        return super().index(request, {"pending_comments": self.pending_comments(request), **(extra_context or {})})

    def pending_comments(self, request):
        """How many comments await moderation, and the list of them; None for those who may not moderate.

        One COUNT, answered from the index on (status, created, id).
        """
        if not request.user.has_perm("archive.change_comment"):
            return None
        return {
            "count": Comment.objects.filter(status=Comment.Status.PENDING).count(),
            "url": reverse(f"{self.name}:archive_comment_changelist", current_app=self.name)
            + f"?status__exact={Comment.Status.PENDING}",
        }
