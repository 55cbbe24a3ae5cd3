from django.contrib.admin.apps import AdminConfig


class BriefingsAdminConfig(AdminConfig):
    """Django's admin, with the archive's own site in place of the default one (briefings/admin.py)."""

    default_site = "briefings.admin.BriefingsAdminSite"
