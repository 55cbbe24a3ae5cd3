"""The reader's pages: each module says what one kind of page shows.

- lists.py: the archive, a category's archive, the briefings citing an outlet
- posts.py: a post, its comments, and the reader's comment form (comment_form.py)
- search.py: search results
- feeds.py, sitemaps.py: RSS and Atom feeds; the sitemap
- pagination.py: pages found by rank, never by OFFSET
"""
