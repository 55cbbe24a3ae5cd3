"""What the importer accepts, and how it loads it.

- listing/: the listing format (text captures of the blog's listing pages):
  parser.py reads a listing, body.py writes a post's body as Markdown. Plain
  Python, no Django: the format can be read and tested on its own.
- wordpress/: WordPress exports (WXR): reader.py streams their records,
  bodies.py makes an item's content HTML. Plain Python and lxml, no Django.
- importer.py: ``import_listings``, used by ``manage.py load_seeds``: idempotent,
  atomic, editor-safe.
- reading.py (in worker processes, workers.py) prepares each file's posts;
  writing.py writes them.
"""
