"""Database work as plain functions; each takes the session as a keyword argument."""
