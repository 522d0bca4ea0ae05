"""A database of the benchmark's own: created empty, migrated, dropped after."""

import contextlib
import json
import os
import sys

import dj_database_url


def emit(name, **figures):
    """One result line: {"name": ..., figures...}."""
    print(json.dumps({"name": name, **figures}), flush=True)


def note(message):
    print(message, file=sys.stderr, flush=True)


@contextlib.contextmanager
def fresh_database(*, keep=False):
    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise SystemExit("The benchmarks measure PostgreSQL: set DATABASE_URL to a postgres:// address.")
    name = config["NAME"]
    if not name.endswith("_bench"):
        # It is dropped at the end: never let a typo point it at real data.
        raise SystemExit(f"The benchmark database's name must end in _bench, not {name!r}.")

    import psycopg
    from psycopg import sql

    server = {
        "host": config["HOST"] or None,
        "port": config["PORT"] or None,
        "user": config["USER"] or None,
        "password": config["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**server) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    note(f"bench: created database {name}")

    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    settings.DEBUG = False  # no query log, as in production
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0, interactive=False)
    try:
        yield
    finally:
        from django.db import connections

        connections.close_all()
        if keep:
            note(f"bench: kept database {name}")
        else:
            with psycopg.connect(**server) as admin:
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            note(f"bench: dropped database {name}")
