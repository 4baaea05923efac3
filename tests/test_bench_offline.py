"""The bench's "refresh vs full copy" measure (keyaccounts.devtools.bench_offline) runs,
at a tiny size, on a real PostgreSQL server: the refresh after a day's work pulls only
what changed, far fewer rows than a whole copy."""

from __future__ import annotations

import pytest

from keyaccounts.devtools.bench_offline import figures, measure_refresh


@pytest.fixture
def empty_db(pg_server):
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)


def test_the_refresh_measure_runs_at_a_tiny_size(pg_server, empty_db):
    m = measure_refresh(empty_db, people=3, accounts_each=4, contacts_each=2,
                        interactions_each=10, followups_each=2, logs_each=2)
    assert (m.people, m.changes) == (3, 6)
    # Each quick log: its interaction and next step; the first settles a follow-up.
    # (Plus the small tables copied whole: 4 people.)
    assert m.refresh_rows == 6 + 6 + 3 + 4
    assert m.full_rows > 10 * m.refresh_rows
    assert m.refresh_seconds > 0 and m.full_seconds > 0
    rows = figures(m)[1]
    assert rows.unit == "rows" and rows.value == m.refresh_rows and rows.ok


def test_the_measure_runs_on_its_own(pg_server, capsys):
    from keyaccounts.devtools.bench_offline import main

    url = pg_server.create_database()
    try:
        assert main([url, "2"]) == 0
    finally:
        pg_server.drop_database(url)
    out = capsys.readouterr().out
    assert "team copy refresh, a day of 2 people" in out
    assert "team copy refresh rows, a day of 2" in out
    assert main([]) == 2
