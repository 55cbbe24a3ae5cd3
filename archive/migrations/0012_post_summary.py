"""Post.summary_html: what lists show of a long post (archive/summaries.py), worked out for the posts already here."""

from django.db import migrations, models

from archive.summaries import summary_html

BATCH = 500


def summarise(apps, schema_editor):
    Post = apps.get_model("archive", "Post")
    posts = Post.objects.using(schema_editor.connection.alias).only("body", "body_format", "body_html", "body_text")
    changed = []
    for post in posts.order_by("pk").iterator(chunk_size=BATCH):
        post.summary_html = summary_html(post.body, post.body_format, post.body_html, post.body_text)
        if post.summary_html:
            changed.append(post)
        if len(changed) >= BATCH:
            Post.objects.bulk_update(changed, ["summary_html"])
            changed = []
    Post.objects.bulk_update(changed, ["summary_html"])


class Migration(migrations.Migration):
    dependencies = [("archive", "0011_authors_names_dropped")]

    operations = [
        migrations.AddField(
            model_name="post",
            name="summary_html",
            field=models.TextField(blank=True, db_default="", default="", editable=False),
        ),
        migrations.RunPython(summarise, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="post",
            name="body",
            field=models.TextField(
                help_text="Markdown, or HTML for posts imported from WordPress (see the format). Raw HTML is "
                "sanitised before it reaches a page. Lists of posts show a long post up to a line "
                "&lt;!--more--&gt;, or else its opening."
            ),
        ),
    ]
