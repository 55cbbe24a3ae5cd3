"""WordPress exports (WXR files), read into plain data, and their bodies made HTML.

- reader.py: ``read_export`` streams an export's records (records.py: Site,
  Author, Category, Tag, Term, Item with its Comments); elements.py says
  which WXR element holds what. ``is_wordpress_export`` tells an export by
  its content; ``read_media`` gathers its attachments.
- bodies.py: ``convert_body`` turns an item's content into the HTML its page
  showed (autop.py for the classic editor's paragraphs, shortcodes.py for
  [caption], [gallery], [audio], [video] and [embed]); ``title_text`` makes a
  title plain text.

Plain Python and lxml, no Django, as listing/: the format can be read and
tested on its own.
"""
