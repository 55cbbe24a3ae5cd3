"""An image's ``srcset``: its candidates, as (address, descriptor), read as browsers read them. No Django.

Used where the attribute is sanitised (archive.markup) and where an import
gives its files the archive's addresses (archive.importing.wordpress.uploads).
"""


def candidates(value):
    """[(address, descriptor)] of a srcset: "a.png 1x, b.png 2x" → [("a.png", "1x"), ("b.png", "2x")].

    An address runs to the next white space (so a data: address keeps its
    comma); a comma ends a candidate.
    """
    found, position, end = [], 0, len(value)
    while position < end:
        while position < end and (value[position].isspace() or value[position] == ","):
            position += 1
        start = position
        while position < end and not value[position].isspace():
            position += 1
        address, descriptor = value[start:position], ""
        if address.endswith(","):
            address = address.rstrip(",")
        else:
            comma = value.find(",", position)
            comma = end if comma < 0 else comma
            descriptor, position = value[position:comma].strip(), comma + 1
        if address:
            found.append((address, descriptor))
    return found


def join(found):
    """The srcset of [(address, descriptor)]."""
    return ", ".join(f"{address} {descriptor}".strip() for address, descriptor in found)
