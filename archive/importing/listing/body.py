"""Write a parsed post body as Markdown that renders back to exactly its text.

Imported bodies are stored as Markdown so that editors can change them, yet a
reader must see every archived paragraph verbatim. So everything Markdown would
interpret is escaped here: emphasis and link characters anywhere in a line,
and block syntax (headings, quotes, list markers, numbered lines such as
"1989.") at the start of a line.
"""

import re

NOTE_MARKER = '!!! editors-note ""'

# Characters Markdown may interpret anywhere in a line, escaped with a backslash.
INLINE = re.compile(r"([\\`*_\[\]])")
# Raw HTML and entities: "<b>" or "&amp;" would otherwise be markup.
HTML_START = re.compile(r"<")
ENTITY = re.compile(r"&(?=#?\w+;)")
# Block syntax recognised at the start of a line.
LINE_START = re.compile(r"^([#>+\-!=])")
NUMBERED = re.compile(r"^(\d+)([.)])")


def escape_line(line):
    line = INLINE.sub(r"\\\1", line)
    line = ENTITY.sub("&amp;", line)
    line = HTML_START.sub("&lt;", line)
    line = NUMBERED.sub(r"\1\\\2", line)
    # "=" has no backslash escape in Markdown; its character reference does the same job.
    return LINE_START.sub(lambda m: "&#61;" if m[1] == "=" else "\\" + m[1], line)


def body_markdown(blocks):
    """Markdown for a sequence of parser Blocks (paragraphs, lists, notes)."""
    parts = []
    for block in blocks:
        lines = [escape_line(line.strip()) for line in block.lines]
        if block.kind == "list":
            parts.append("\n".join(f"- {line}" for line in lines))
        elif block.kind == "note":
            parts.append(NOTE_MARKER + "\n" + "\n".join(f"    {line}" for line in lines))
        else:
            parts.append("\n".join(lines))
    return "\n\n".join(parts)


def _html_escape(text):
    # As the sanitiser serialises text: &, <, > and non-breaking spaces.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\u00a0", "&nbsp;")


def body_html(blocks):
    """The HTML that rendering body_markdown(blocks) gives, built directly (imports are large)."""
    parts = []
    for block in blocks:
        lines = [_html_escape(line.strip()) for line in block.lines]
        if block.kind == "list":
            parts.append("<ul>\n" + "\n".join(f"<li>{line}</li>" for line in lines) + "\n</ul>")
        elif block.kind == "note":
            parts.append('<div class="admonition editors-note">\n<p>' + "\n".join(lines) + "</p>\n</div>")
        else:
            parts.append("<p>" + "\n".join(lines) + "</p>")
    return "\n".join(parts)


def body_text(blocks):
    """The plain text of the body, as a reader sees it: blocks and list items apart."""
    return "\n\n".join(
        "\n\n".join(line.strip() for line in block.lines)
        if block.kind == "list"
        else "\n".join(line.strip() for line in block.lines)
        for block in blocks
    )
