"""Benchmarks: `make bench` (all) or `python -m bench search` (one).

Each benchmark seeds its own data at scale in a database of its own, which it
creates and drops (DATABASE_URL, by default PostgreSQL at
postgres://postgres@127.0.0.1:5432/recruitment_bench), then prints one JSON
object a line: its `name`, its figures, and the `unit` they are in.
These are measurements, not tests: they never run under pytest.
"""
