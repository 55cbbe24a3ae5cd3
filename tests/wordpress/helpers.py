"""What the WordPress tests share: the fixtures' folder and a way to write small exports."""

from pathlib import Path

from archive.importing.wordpress.reader import read_export
from archive.importing.wordpress.records import Item

FIXTURES = Path(__file__).resolve().parent / "fixtures"

HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>Test</title>
	<wp:wxr_version>1.2</wp:wxr_version>
"""
FOOTER = "</channel>\n</rss>\n"


def export(folder, body, name="export.xml", header=HEADER):
    """Write an export whose channel holds ``body``; return its path."""
    path = folder / name
    path.write_text(header + body + FOOTER, encoding="utf-8")
    return path


def item_xml(post_id, **fields):
    """One <item> with WordPress's usual elements; ``fields`` replaces their text (wp_ prefix for wp:)."""
    values = {
        "title": f"Post {post_id}", "content": f"Content of post {post_id}.", "post_type": "post",
        "status": "publish", "post_date": "2024-01-01 10:00:00", "post_date_gmt": "2024-01-01 09:00:00",
        "post_name": f"post-{post_id}", "post_parent": "0", "menu_order": "0", "extra": "", "excerpt": "",
        "link": f"https://example.com/?p={post_id}",
    }
    values.update(fields)
    return f"""	<item>
		<title><![CDATA[{values['title']}]]></title>
		<link>{values['link']}</link>
		<dc:creator><![CDATA[editor]]></dc:creator>
		<guid isPermaLink="false">https://example.com/?p={post_id}</guid>
		<content:encoded><![CDATA[{values['content']}]]></content:encoded>
		<excerpt:encoded><![CDATA[{values['excerpt']}]]></excerpt:encoded>
		<wp:post_id>{post_id}</wp:post_id>
		<wp:post_date><![CDATA[{values['post_date']}]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[{values['post_date_gmt']}]]></wp:post_date_gmt>
		<wp:post_name><![CDATA[{values['post_name']}]]></wp:post_name>
		<wp:status><![CDATA[{values['status']}]]></wp:status>
		<wp:post_parent>{values['post_parent']}</wp:post_parent>
		<wp:menu_order>{values['menu_order']}</wp:menu_order>
		<wp:post_type><![CDATA[{values['post_type']}]]></wp:post_type>
		<wp:is_sticky>0</wp:is_sticky>{values['extra']}
	</item>
"""


def comment_xml(comment_id, content, approved="1"):
    """One <wp:comment>, for item_xml's ``extra``."""
    return f"""
		<wp:comment>
			<wp:comment_id>{comment_id}</wp:comment_id>
			<wp:comment_author><![CDATA[Reader {comment_id}]]></wp:comment_author>
			<wp:comment_date><![CDATA[2024-01-03 12:{comment_id:02}:00]]></wp:comment_date>
			<wp:comment_date_gmt><![CDATA[2024-01-03 11:{comment_id:02}:00]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[{content}]]></wp:comment_content>
			<wp:comment_approved><![CDATA[{approved}]]></wp:comment_approved>
		</wp:comment>"""


def items(path):
    return {record.id: record for record in read_export(path) if isinstance(record, Item)}
