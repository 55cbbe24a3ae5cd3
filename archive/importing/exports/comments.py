"""An export's comments written: new ones added, threaded; those WordPress changed since brought up to date.

A comment is recognised on every import by its key (the blog and its
WordPress id). What the import wrote of it is kept as a digest
(``Comment.import_digest``): one an editor changed here since (its text, its
author's name, or moderated it) is kept as the editor left it; one that
WordPress changed (edited, approved, or marked as spam or put in the trash) is
updated, so that a comment hidden on the blog is hidden here too. Spam and
trashed comments are never added; pingbacks and trackbacks are left out.
"""

from django.db import connection

from ...models import Comment
from ..rows import insert_rows, new_ids
from .content import comment_content, import_outcome

# Plain rows, not Comment instances with each value prepared by its field (rows.insert_instances): an export
# holds about three comments a post, most of its rows.
COLUMNS = [
    "id", "post", "author_name", "author_email", "body", "body_format", "body_html", "created", "status", "parent",
    "import_key", "import_digest",
]
UPDATED_FIELDS = ["author_name", "body", "body_format", "body_html", "status", "import_digest"]


def hidden_status(approved):
    """What becomes here of a comment WordPress does not show (spam, trash): spam stays spam, the rest rejected."""
    return Comment.Status.SPAM if approved == "spam" else Comment.Status.REJECTED


class Comments:
    """Writes the comments of the posts an ExportImporter writes, batch by batch."""

    def __init__(self, summary, changes, key):
        self.summary, self.changes, self.key = summary, changes, key

    def write(self, written):
        """The comments of ``written``, [(post here, (Item, Converted))]: the new added, the changed updated."""
        shown, hidden = [], {}  # (post, WordPress comment, ImportedComment); key → WordPress's status of it
        for post, (item, ready) in written:
            for comment in item.comments:
                if comment.is_ping:
                    self.summary.skip("comments", f"{comment.type} (left out)")
                elif comment.id in ready.comments:
                    shown.append((post, comment, ready.comments[comment.id]))
                else:
                    hidden[self.key("comment", comment.id)] = comment.approved
        stored = (
            Comment.objects.filter(import_key__in=[self.key("comment", c.id) for _, c, _ in shown] + list(hidden))
            .only("author_name", "body", "status", "import_key", "import_digest").in_bulk(field_name="import_key")
        )
        new, changed = [], []
        for post, comment, imported in shown:
            known = stored.get(self.key("comment", comment.id))
            if known is None:
                new.append((post, comment, imported))
            else:
                values = {"author_name": imported.author_name, "body": imported.body, "status": imported.status,
                          "body_format": Comment.Format.HTML, "body_html": imported.body_html}
                self.refresh(known, values, changed, imported.digest)
        for key, approved in hidden.items():
            known = stored.get(key)
            if known is None:
                self.summary.skip("comments", approved or "not approved")
            else:
                # Its text as it was: WordPress hid it, and the export's copy of a spam comment is not worth reading.
                status = hidden_status(approved)
                self.refresh(known, {"author_name": known.author_name, "body": known.body, "status": status}, changed)
        self.insert(new, shown)
        if changed:
            Comment.objects.bulk_update(changed, UPDATED_FIELDS)
        if new or changed:
            self.changes.comments_changed = True

    def refresh(self, known, values, changed, digest=None):
        """Bring ``known`` up to ``values`` (what the export makes of it), unless an editor changed it here."""
        digest = digest or comment_content(values["author_name"], values["body"], values["status"])
        # "kept": moderated or edited here since (or imported before the import kept digests).
        outcome = import_outcome(comment_content(known.author_name, known.body, known.status), known.import_digest,
                                 digest)
        if outcome == "updated":
            for name, value in values.items():
                setattr(known, name, value)
            known.import_digest = digest
            changed.append(known)
        self.summary.count("comments", outcome)

    def insert(self, new, shown):
        """The comments not here yet, each reply naming its parent, new or imported before."""
        # Ids first, so that a reply names its parent in the row it is written with.
        by_wordpress_id = dict(zip((comment.id for _, comment, _ in new), new_ids(Comment, len(new))))
        parents = {self.key("comment", comment.parent): comment.parent for _, comment, _ in shown if comment.parent}
        parents = {parents[key]: pk for key, pk in Comment.objects.filter(import_key__in=list(parents))
                   .values_list("import_key", "pk")}
        adapt = connection.ops.adapt_datetimefield_value
        insert_rows(Comment, COLUMNS, [(
            by_wordpress_id[comment.id], post.pk, imported.author_name, comment.author_email[:254], imported.body,
            Comment.Format.HTML.value, imported.body_html, adapt(comment.date or post.published),
            imported.status.value,
            (by_wordpress_id.get(comment.parent) or parents.get(comment.parent)) if comment.parent else None,
            self.key("comment", comment.id), imported.digest,
        ) for post, comment, imported in new])
        if new:
            self.summary.count("comments", "created", len(new))
