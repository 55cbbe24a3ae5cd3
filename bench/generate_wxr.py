"""Write a synthetic WordPress export (WXR 1.2) as WordPress writes it, for the benchmark.

Posts of 400–700 words (bench/generate.py's vocabulary, so some words are common
and others rare), in paragraphs of the classic editor, every tenth with a
[caption]ed image; each filed under 1–3 of 60 categories (some under a
parent) and given 2–5 of 3 000 tags; three comments a post on average, some
answering others, a few pending or spam. Streamed out, item by item.

    python bench/generate_wxr.py OUT.xml [--posts 100000] [--comments 3] [--seed 1]
"""

import argparse
import datetime
import sys
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import CATEGORY_NAMES, Writer  # noqa: E402

SITE = "https://blog.example"
HEADER = f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Briefings</title>
	<link>{SITE}</link>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>{SITE}</wp:base_site_url>
	<wp:base_blog_url>{SITE}</wp:base_blog_url>
	<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[editor]]></wp:author_login><wp:author_email><![CDATA[editor@blog.example]]></wp:author_email><wp:author_display_name><![CDATA[The Editor]]></wp:author_display_name></wp:author>
"""


def slug(text):
    return "-".join(text.lower().replace("&", "and").split())


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--comments", type=int, default=3, help="comments a post, on average")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    writer = Writer(args.seed)
    rng = writer.rng
    categories = CATEGORY_NAMES
    tags = [f"{writer.rare[number]} {writer.rare[number + 3000]}" for number in range(3000)]
    start = datetime.datetime(2008, 1, 1, 9, 0)
    comment_id = 0
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(HEADER)
        for number, name in enumerate(categories):
            parent = slug(categories[number - number % 10]) if number % 10 else ""
            out.write(f"\t<wp:category><wp:term_id>{number + 1}</wp:term_id><wp:category_nicename>{slug(name)}"
                      f"</wp:category_nicename><wp:category_parent>{parent}</wp:category_parent>"
                      f"<wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>\n")
        for number, name in enumerate(tags):
            out.write(f"\t<wp:tag><wp:term_id>{1000 + number}</wp:term_id><wp:tag_slug>{slug(name)}</wp:tag_slug>"
                      f"<wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>\n")
        for post in range(1, args.posts + 1):
            date = start + datetime.timedelta(hours=2 * post)
            title = " ".join(writer.word() for _ in range(rng.randint(4, 9))).title() + f" {post}"
            paragraphs = ["\n".join(" ".join(p.split()[i:i + 14]) for i in range(0, len(p.split()), 14))
                          for p in writer.paragraphs()]
            if post % 10 == 0:
                paragraphs.insert(1, f'[caption id="attachment_{post}" width="640"]<img src="{SITE}/wp-content/'
                                     f'uploads/{date:%Y/%m}/photo-{post}.jpg" alt="" width="640" height="427" /> '
                                     f"A photograph of the day[/caption]")
            terms = [f'\t\t<category domain="category" nicename="{slug(name)}">{cdata(name)}</category>\n'
                     for name in rng.sample(categories, rng.randint(1, 3))]
            terms += [f'\t\t<category domain="post_tag" nicename="{slug(name)}">{cdata(name)}</category>\n'
                      for name in rng.sample(tags, rng.randint(2, 5))]
            comments, first = [], comment_id + 1
            for _ in range(rng.randint(0, 2 * args.comments)):
                comment_id += 1
                parent = rng.randint(first, comment_id - 1) if comment_id > first and rng.random() < 0.3 else 0
                approved = "1" if rng.random() < 0.9 else rng.choice(["0", "spam"])
                when = date + datetime.timedelta(minutes=10 * (comment_id - first + 1))
                comments.append(
                    f"\t\t<wp:comment><wp:comment_id>{comment_id}</wp:comment_id><wp:comment_author>"
                    f"{cdata(f'Reader {comment_id % 977}')}</wp:comment_author><wp:comment_author_email>"
                    f"reader{comment_id % 977}@mail.example</wp:comment_author_email><wp:comment_date>"
                    f"{when:%Y-%m-%d %H:%M:%S}</wp:comment_date><wp:comment_date_gmt>{when:%Y-%m-%d %H:%M:%S}"
                    f"</wp:comment_date_gmt><wp:comment_content>"
                    f"{cdata(' '.join(writer.word() for _ in range(rng.randint(8, 60))))}</wp:comment_content>"
                    f"<wp:comment_approved>{approved}</wp:comment_approved><wp:comment_type>comment"
                    f"</wp:comment_type><wp:comment_parent>{parent}</wp:comment_parent></wp:comment>\n"
                )
            out.write(
                f"\t<item>\n\t\t<title>{cdata(title)}</title>\n\t\t<link>{SITE}/{date:%Y/%m/%d}/{slug(title)}/</link>\n"
                f"\t\t<dc:creator>{cdata('editor')}</dc:creator>\n"
                f"\t\t<content:encoded>{cdata(chr(10).join(p + chr(10) for p in paragraphs))}</content:encoded>\n"
                f"\t\t<excerpt:encoded>{cdata('')}</excerpt:encoded>\n\t\t<wp:post_id>{post}</wp:post_id>\n"
                f"\t\t<wp:post_date>{date:%Y-%m-%d %H:%M:%S}</wp:post_date>\n"
                f"\t\t<wp:post_date_gmt>{date:%Y-%m-%d %H:%M:%S}</wp:post_date_gmt>\n"
                f"\t\t<wp:post_name>{escape(slug(title))}</wp:post_name>\n\t\t<wp:status>publish</wp:status>\n"
                f"\t\t<wp:post_parent>0</wp:post_parent>\n\t\t<wp:post_type>post</wp:post_type>\n"
                f"\t\t<wp:post_password></wp:post_password>\n" + "".join(terms) + "".join(comments) + "\t</item>\n"
            )
        out.write("</channel>\n</rss>\n")
    print(f"wrote {args.posts} posts and {comment_id} comments to {args.out}")


if __name__ == "__main__":
    main()
