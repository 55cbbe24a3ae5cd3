"""An export's authors: each made or found when the first post of theirs comes, with the blog's author paths.

The export names each user who wrote something (``wp:author``: login, display
name, email, names) and each post's author by login (``dc:creator``). An author
here is made only for a post that is imported (a user with only drafts gets
none), by the display name alone: the login and the email are never kept, and
a display name that is an email address (WordPress's default for a user whose
login is one) gives way to the user's first and last names. The blog's author
page, ``/author/NICENAME/`` (WordPress's ``user_nicename``, the login made a
slug; none for a login that is an email address), and ``/?author=ID`` are kept
as old paths that lead to the author's page here.
"""

from django.utils.text import slugify

from ...models import Author


def nicename(login):
    """The name of the blog's author page: the login's first 50 characters made a slug, as WordPress does."""
    return slugify(login[:50].replace(".", "-"))


def shown_name(record):
    """The name the blog showed for the user ``record`` (a wp:author): never an email address."""
    if "@" not in record.display_name:
        return record.display_name[:200]
    names = " ".join(part for part in (record.first_name, record.last_name) if part and "@" not in part)
    return names[:200]


class Authors:
    """The authors of one export, as rows here, by login.

    An author is recognised on a re-import by its import key (the blog's address
    and its author path), or else, once, by its name: an author made from a
    post's name before authors had rows of their own. A re-import never renames one.
    """

    def __init__(self, summary, changes, key):
        self.summary, self.changes, self.key = summary, changes, key
        self.old_links = None  # the export's OldLinks, once its site is known
        self.records = {}  # login → the export's wp:author
        self.rows = {}  # login → Author row, or None for a user with no name to show

    def add(self, record):
        self.records[record.login] = record

    def author(self, login):
        """The author of a post whose ``dc:creator`` is ``login``, or None."""
        if login not in self.rows:
            self.rows[login] = self.make(login)
        return self.rows[login]

    def make(self, login):
        record = self.records.get(login)
        # WXR 1.0 names no users: a login alone is not a name to show.
        name = shown_name(record) if record is not None else ""
        if not name:
            return None
        path = nicename(login) if "@" not in login else ""
        key = self.key("author", path or record.id or nicename(login))
        found = Author.objects.filter(import_key=key).first()
        if found is None:
            found = Author.objects.filter(import_key=None, name=name).first()
            if found is not None:
                found.import_key = key
                found.save(update_fields=["import_key"])
        if found is None:
            found = Author(name=name, import_key=key)
            found.save()
            self.summary.count("authors", "created")
            self.changes.changed = True
        else:
            self.summary.count("authors", "unchanged")
        self.old_links.add("author", found.pk, f"/author/{path}/" if path else "",
                           f"author={record.id}" if record.id else None)
        return found
