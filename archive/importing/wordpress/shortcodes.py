"""WordPress shortcodes ([caption], [gallery], [audio], [video], [embed]) as plain HTML.

A shortcode is found by WordPress's own rules (wp-includes/shortcodes.php,
get_shortcode_regex and shortcode_parse_atts), written afresh here:

- only the names WordPress registers by itself are shortcodes; any other
  bracketed text (``[1]``, ``[simple boat]``, a plugin's ``[contact-form]``) is
  left as text, which is what WordPress shows when no plugin claims it;
- ``[name attributes]``, ``[name attributes /]`` (self-closing) or
  ``[name attributes]content[/name]``: a shortcode that is not self-closing
  takes as content everything up to the first ``[/name]``, if there is one;
- ``[[name …]]`` is an escaped shortcode and shows as ``[name …]``;
- attributes are ``name="value"``, ``name='value'``, ``name=value`` or bare
  values; names are case-insensitive, backslash escapes are decoded, and a
  value with an unclosed ``<`` is emptied;
- brackets inside HTML tags (``<img alt="[1]">``) are not shortcodes.

Every URL written into an attribute is checked (http, https or relative) and
every attribute value escaped, so whatever an export holds, nothing here
writes markup that runs script. The HTML around and inside shortcodes (a
caption's image, its text) is the author's and is passed on as it is: the
archive sanitises bodies as a whole afterwards. Pure Python; no Django.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from .records import guess_type

NAMES = ("caption", "wp_caption", "gallery", "audio", "video", "embed")
# Where a shortcode may start ("[", or "[[" to escape it, then a name), and the
# comments and tags it can't start inside (an unclosed one runs to the end, as
# in WordPress). Its attributes run to the first "]"; a "/" just before that
# "]" closes it. (Found by hand, not by one regex as WordPress does, so that the
# time taken grows with the text, whatever brackets the text holds.)
START = re.compile(rf"<!--.*?(?:-->|\Z)|<[a-zA-Z/!][^>]*>?|\[(\[?)({'|'.join(NAMES)})(?![\w-])", re.DOTALL)
ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)"""
    r"""|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)"""
)
CLOSED_MARKUP = re.compile(r"^[^<]*(?:<[^>]*>[^<]*)*$")
C_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]{1,2})|(.))", re.DOTALL)
C_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
# (A tag's attributes are taken to hold no "<": an unclosed tag then costs a look as far as the next one.)
CAPTIONED_IMAGE = re.compile(r"((?:<a [^<>]+>\s*)?<img [^<>]+>(?:\s*</a>)?)(.*)", re.IGNORECASE | re.DOTALL)
AUDIO_FORMATS = ("mp3", "ogg", "flac", "m4a", "wav")
VIDEO_FORMATS = ("mp4", "m4v", "webm", "ogv", "wmv", "flv")
BLOCK = True  # what a handler says of its HTML: a block (a figure), not to be wrapped in <p>
INLINE = False


def expand(text, media=None, post_id=None, on_shortcode=None):
    """``text`` with every shortcode in it replaced by its HTML.

    ``media`` maps attachment ids to records.MediaFile (for [gallery], and for
    [audio] and [video] without a source); ``post_id`` is the post the text
    belongs to (a [gallery] without ids shows that post's attachments). When
    ``on_shortcode`` is given, each shortcode's HTML is passed to it with
    whether it is a block, and what it returns stands in the text instead
    (bodies.py uses this to keep shortcodes out of the way of autop).
    """
    context = _Context(media or {}, post_id)
    find = _Finder(text)
    out, position = [], 0
    while match := START.search(text, position):
        if match[2] is None:  # a tag or a comment: passed over whole
            out.append(text[position : match.end()])
            position = match.end()
            continue
        escape, name = match[1], match[2]
        bracket = find("]", match.end())
        if bracket < 0:
            break  # no "]" after it: neither this nor anything later is a shortcode
        out.append(text[position : match.start()])
        attributes, end = text[match.end() : bracket], bracket + 1
        content = None
        if attributes.endswith("/"):
            attributes = attributes[:-1]  # self-closing
        elif (close := find(f"[/{name}]", end)) >= 0:
            content, end = text[end:close], close + len(name) + 3
        escape_end = "]" if text.startswith("]", end) else ""
        end += len(escape_end)
        if escape and escape_end:
            out.append(text[match.start() + 1 : end - 1])  # [[name]] is the text [name]
        else:
            result, kind = context.render(name, parse_attributes(attributes), content)
            out.append(escape + (on_shortcode(result, kind) if on_shortcode else result) + escape_end)
        position = end
    out.append(text[position:])
    return "".join(out)


class _Finder:
    """``str.find`` that remembers where each needle was (or wasn't), so that many searches stay linear."""

    def __init__(self, text):
        self.text = text
        self.found = {}  # needle: (searched from, found at or -1)

    def __call__(self, needle, start):
        searched_from, at = self.found.get(needle, (None, None))
        if searched_from is not None and searched_from <= start and (at < 0 or at >= start):
            return at
        at = self.text.find(needle, start)
        self.found[needle] = (start, at)
        return at


def parse_attributes(text):
    """A shortcode's attributes: {name: value} for named ones, {0: value, 1: …} for bare ones."""
    found, bare = {}, 0
    text = re.sub("[\u00a0\u200b]+", " ", text)
    for match in ATTRIBUTE.finditer(text):
        for name_group in (1, 3, 5):
            if match[name_group]:
                found[match[name_group].lower()] = strip_c_slashes(match[name_group + 1])
                break
        else:
            value = next((match[group] for group in (7, 8) if match[group]), match[9])
            if value is not None:
                found[bare] = strip_c_slashes(value)
                bare += 1
    # WordPress drops values that open an HTML tag without closing it.
    return {key: value if "<" not in value or CLOSED_MARKUP.match(value) else "" for key, value in found.items()}


def strip_c_slashes(text):
    """PHP's stripcslashes: C escapes (\\n, \\x41, \\101) decoded, other backslashes dropped."""
    def decode(match):
        if match[1]:
            return chr(int(match[1], 8) & 0xFF)
        if match[2]:
            return chr(int(match[2], 16))
        return C_ESCAPES.get(match[3], match[3])

    return C_ESCAPE.sub(decode, text) if "\\" in text else text


def safe_url(url):
    """``url`` with its HTML entities decoded if it is http, https or relative; "" otherwise."""
    url = html.unescape(url or "").strip()
    if not url or any(ord(char) < 32 for char in url):
        return ""
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return ""
    return url if scheme in ("", "http", "https") else ""


def attribute(value):
    return html.escape(value, quote=True)


def link(url):
    """A plain link to ``url``, showing the URL; "" for an unsafe URL."""
    url = safe_url(url)
    return f'<a href="{attribute(url)}">{attribute(url)}</a>' if url else ""


class _Context:
    def __init__(self, media, post_id):
        self.media = media
        self.post_id = post_id

    def render(self, name, attributes, content):
        if name in ("caption", "wp_caption"):
            return self.caption(attributes, content or "")
        if name == "gallery":
            return self.gallery(attributes), BLOCK
        if name == "embed":
            return link((content or "").strip()), INLINE
        return self.media_element(name, attributes), INLINE

    def caption(self, attributes, content):
        """``<figure>`` of the image and its caption (the attribute, or the text after the image)."""
        caption = attributes.get("caption", "")
        if "caption" not in attributes and (match := CAPTIONED_IMAGE.search(content)):
            content, caption = match[1], match[2].strip()
        # What the caption wraps may hold shortcodes of its own.
        image = expand(content, self.media, self.post_id).strip()
        if not caption:
            return image, INLINE  # as WordPress: no caption, no figure
        return f"<figure>{image}<figcaption>{caption}</figcaption></figure>", BLOCK

    def gallery(self, attributes):
        files = [file for file in self.gallery_files(attributes) if safe_url(file.url)]
        if not files:
            return ""
        linked = attributes.get("link", "") == "file"
        figures = []
        for file in files:
            url = attribute(safe_url(file.url))
            image = f'<img src="{url}" alt="{attribute(plain(file.alt or file.title))}">'
            if linked:
                image = f'<a href="{url}">{image}</a>'
            caption = f"<figcaption>{file.caption.strip()}</figcaption>" if file.caption.strip() else ""
            figures.append(f"<figure>{image}{caption}</figure>")
        return f'<figure class="gallery">{"".join(figures)}</figure>'

    def gallery_files(self, attributes):
        """The attachments a [gallery] shows, in its order (WordPress's gallery_shortcode)."""
        ids = numbers(attributes.get("ids") or attributes.get("include") or "")
        if ids:
            files = [self.media[number] for number in ids if number in self.media]
        else:
            # No ids: the images attached to the post, by menu order, then id.
            parent = numbers(attributes.get("id", ""))[:1] or [self.post_id]
            files = sorted(
                (file for file in self.media.values() if file.parent == parent[0] and parent[0] is not None),
                key=lambda file: (file.menu_order, file.id),
            )
        excluded = set(numbers(attributes.get("exclude", "")))
        files = [file for file in files if file.id not in excluded and is_kind(file, "image")]
        order_by = attributes.get("orderby", "").lower()
        if order_by in ("menu_order", "id", "title"):
            key = {"menu_order": lambda f: (f.menu_order, f.id), "id": lambda f: f.id, "title": lambda f: f.title}
            files.sort(key=key[order_by])
        if attributes.get("order", "").upper() == "DESC":
            files.reverse()
        return files

    def media_element(self, name, attributes):
        """``<audio>``/``<video>`` for a file the browser can play, a link for another URL, "" for none."""
        kind = name  # "audio" or "video"
        formats = AUDIO_FORMATS if kind == "audio" else VIDEO_FORMATS
        candidates = [attributes.get("src", "")] + [attributes.get(key, "") for key in formats]
        # WordPress.com writes [audio https://…/file.mp3|titles=…]; other bare words ("loop") are no source.
        if re.match(r"https?://", bare := attributes.get(0, ""), re.IGNORECASE):
            candidates.append(bare.split("|", 1)[0])
        url = next((safe_url(value) for value in candidates if safe_url(value)), "")
        if not url and any(value.strip() for value in candidates):
            return ""  # a source, but not one that may be linked to (javascript:, data:, …)
        if not url and self.post_id is not None:
            # No source: WordPress plays the first file of that kind attached to the post.
            attached = sorted(
                (file for file in self.media.values() if file.parent == self.post_id and is_kind(file, kind, True)),
                key=lambda file: (file.menu_order, file.id),
            )
            url = next((safe_url(file.url) for file in attached if safe_url(file.url)), "")
        if not url:
            return ""
        if not guess_type(url).startswith(kind + "/"):
            return link(url)  # a page (YouTube, a podcast's site), not a file to play
        fallback = link(url)
        return f'<{kind} controls src="{attribute(url)}">{fallback}</{kind}>'


def numbers(text):
    return [int(part) for part in re.split(r"[\s,]+", text.strip()) if part.isdigit()]


def is_kind(file, kind, strict=False):
    """Whether the attachment is an image (audio, video); one whose type is unknown counts unless strict."""
    return file.mime_type.startswith(kind + "/") or (not file.mime_type and not strict)


def plain(text):
    """Text for an attribute: tags dropped, entities decoded (escaping comes after)."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", text)).split())
