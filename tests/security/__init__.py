"""The security suite: each attack or abuse the archive defends against, tried.

Here: readers' addresses behind proxies, sign-in lockout, page-cache keys and
counters, comment abuse, size and time limits, hostile requests, and several
workers sharing one truth. Elsewhere, where the feature lives: script in
comments and posts (tests/comments/, tests/pages/test_post_page.py), hostile
listing files (tests/importing/test_bad_input.py, tests/listing/), the
Content-Security-Policy in a real browser (tests/browser/), production headers
and settings (tests/operations/test_production_settings.py). SECURITY.md says
what is defended and how to deploy safely.
"""
