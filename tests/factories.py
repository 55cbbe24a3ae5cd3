"""Synthetic listing files, written in the real format and loaded by the real importer."""

WORDS = (
    "archive beijing briefing capital chip council delegation export factory harbour industry "
    "ministry network policy province reform satellite shipping summit tariff trade yuan"
).split()


def post_text(number, categories, sources=0):
    words = " ".join(WORDS[(number + i) % len(WORDS)] for i in range(40))
    lines = [f"Synthetic Post Number {number}", "", f"Paragraph one of post {number}: {words}.", "",
             f"Paragraph two of post {number}.", ""]
    if sources:
        lines.append("Sources:" if sources > 1 else "")
        for index in range(1, sources + 1):
            outlet = f"Outlet {(number + index) % 7}"
            prefix = f"{index}. " if sources > 1 else "Source: "
            lines += [f"{prefix}{outlet}, March {1 + number % 28}, 2024", f"https://news.example/{number}/{index}"]
        if sources == 1:
            lines.pop(-3)
    else:
        lines += [f"{number % 4} Comments" if number % 4 > 1 else "1 Comment" if number % 4 else "Leave a comment",
                  "", "Filed under " + ", ".join(categories)]
    return "\n".join(lines) + "\n"


def write_listing(path, first, count, heading="Category Archives: Synthetic"):
    posts = []
    for number in range(first, first + count):
        categories = [f"Topic {number % 5}", f"Theme {number % 3}"][: 1 + number % 2]
        posts.append(post_text(number, categories, sources=number % 3 if number % 2 == 0 else 0))
    path.write_text(heading + "\n\n" + "\n".join(posts), "utf-8")
    return path
