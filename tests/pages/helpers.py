import re
from html.parser import HTMLParser


class _Text(HTMLParser):
    SKIP = {"script", "style", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in {"p", "li", "div", "h1", "h2", "br", "figcaption", "section", "article", "footer"}:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def page_text(response_or_html):
    """What a reader sees: the page's text with white space (and NBSP) folded."""
    html = getattr(response_or_html, "content", response_or_html)
    if isinstance(html, bytes):
        html = html.decode()
    parser = _Text()
    parser.feed(html)
    return fold("".join(parser.parts))


def fold(text):
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
