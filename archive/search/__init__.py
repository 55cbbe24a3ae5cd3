"""Full-text search over posts: PostgreSQL's own on PostgreSQL, a stemmed-word fallback on SQLite."""
