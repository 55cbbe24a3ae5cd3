"""What stands between a request and a view: how a page is cached (page_cache.py), how the
reader's templates are rendered (templating.py, context_processors.py), error pages (errors.py)."""
