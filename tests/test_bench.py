"""The benchmark computes its numbers correctly (on a tiny portfolio; no timings here)."""

import json
import sqlite3

from keyaccounts.devtools import bench
from keyaccounts.storage.backup import check_file
from keyaccounts.cli.main import main


def test_tiny_portfolio_is_sound_and_shaped_as_asked(tmp_path):
    path = tmp_path / "tiny.sqlite3"
    bench.build_portfolio(path, accounts=20, contacts=120, interactions=3000, followups=600,
                          years=3, seed=1)
    con = sqlite3.connect(path)
    count = lambda table: con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa
    assert (count("account"), count("contact"), count("follow_up")) == (20, 120, 600)
    assert 2900 <= count("interaction") <= 3000
    big = con.execute("SELECT COUNT(*) FROM interaction WHERE account_id = 1").fetchone()[0]
    assert big == 750  # the page-sized account: min(1500, interactions / 4)
    con.close()
    assert check_file(path).sound  # the chain's invariants hold


def test_figures_ratios_and_targets():
    f = bench.figure("x", 0.2, 0.1, "base", target_ratio=3, target_abs=0.1)
    assert f.ratio == 2.0 and not f.ok and f.target == "<= 3 x, <= 0.1 s"
    g = bench.figure("y", 0.05, 0.1, "base", target_ratio=3, target_abs=0.1)
    assert g.ratio == 0.5 and g.ok
    m = bench.figure("memory", 250, None, "", target_abs=300, unit="MB")
    assert m.ratio is None and m.ok
    t, result = bench.median_time(lambda: 42, 5)
    assert result == 42 and t >= 0


def test_bench_cli_json_on_a_tiny_portfolio(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    code = main(["bench", "--accounts", "15", "--contacts", "60", "--interactions", "1200",
                 "--followups", "200", "--years", "2", "--runs", "2", "--no-gui", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code in (0, 1)
    assert out["params"]["accounts"] == 15
    names = [f["name"] for f in out["figures"]]
    assert any(n.startswith("accounts list load") for n in names)
    assert any(n.startswith("account page (300 interactions)") for n in names)
    for f in out["figures"]:
        assert f["value"] >= 0 and f["runs"] >= 1
        if f["baseline"]:
            assert abs(f["ratio"] - f["value"] / f["baseline"]) < 1e-9
    assert code == (0 if all(f["ok"] for f in out["figures"]) else 1)


def test_gui_probes_report_what_the_bench_reads(tmp_path):
    """The probes run in fresh processes: each prints the lines the bench parses."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    path = tmp_path / "tiny.sqlite3"
    bench.build_portfolio(path, accounts=12, contacts=60, interactions=1200, followups=200,
                          years=2, seed=2)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    root = Path(bench.__file__).resolve().parents[2]

    def probe(*args):
        done = subprocess.run([sys.executable, "-m", "ui.bench_probe", *args], cwd=root,
                              env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "PAINTED" in probe("bare")
    for _run in range(2):  # the first run keeps the snapshot the second one paints from
        out = probe("app", str(path))
        assert out.index("PAINTED") < out.index("RSS_KB")
        assert bench._value(out, "RSS_KB") > 10_000
        assert bench._value(out, "GC_ENABLED") == 1
    # Painted from the snapshot in the first frame, which does without Qt's namespace.
    assert bench._value(out, "QT_NAMESPACE") == 0
    out = probe("account", str(path), "1")
    assert bench._value(out, "INTERACTIONS") == 300 and bench._value(out, "SECONDS") > 0
    out = probe("filter", str(path))
    assert bench._value(out, "ROWS") == 12
    from ui.bench_probe import FREEZE_ACTIONS

    out = probe("freeze", str(path))  # the window's longest stall per action
    freezes = [line.split(" ", 2) for line in out.splitlines() if line.startswith("FREEZE ")]
    assert [action for _w, _s, action in freezes] == list(FREEZE_ACTIONS)
    assert all(0 < float(seconds) < 60 for _w, seconds, _a in freezes)
    assert bench._value(out, "RSS_KB") > 10_000


# --- the team run on PostgreSQL (a tiny one on the test session's server) ---------------

TEAM_TINY = dict(accounts=40, contacts=120, interactions=800, followups=200, years=2, seed=3)
TEAM_SMALLER = dict(accounts=17, contacts=40, interactions=170, followups=30, years=1, seed=4)


def test_a_tiny_team_run_gives_each_figure_and_its_baseline_s_rows(pg_server):
    from datetime import date

    from keyaccounts.devtools import bench_team

    today = date(2026, 11, 27)
    url = bench_team.build_team_portfolio(pg_server.url("postgres"), **TEAM_TINY, today=today)
    try:
        import psycopg

        with psycopg.connect(**bench_team.conninfo(url)) as con:
            count = lambda table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa
            assert (count("account"), count("contact"), count("follow_up")) == (40, 120, 200)
            owners = dict(con.execute("SELECT owner, count(*) FROM account GROUP BY owner"))
            assert set(owners) == set(bench_team.people().managers)  # spread over them
            assert count("person") == 20 and count("account_share") == 4
            # Who wrote each row is its account's owner, as if each had logged their own.
            assert con.execute("SELECT count(*) FROM interaction i JOIN account a"
                               " ON a.id = i.account_id WHERE i.created_by <> a.owner"
                               ).fetchone()[0] == 0
        checks: dict = {}
        figures = bench_team.measure(url, runs=1, gui=False, today=today, checks=checks)
        names = [f.name for f in figures]
        assert [n.split(" (")[0] for n in names] == [
            "manager's Today page", "manager's Today page as kept per account, one written "
            "since", "account page", "save a quick log", "lead's portfolio",
            "lead's portfolio as kept per account, one written since"]
        assert all(f.baseline and f.ratio is not None and f.target for f in figures)
        # The Today page assembled from the entries is the one computed afresh.
        assert set(checks) == {"today", "today kept", "account page", "quick log",
                               "portfolio"}
        for what, (service, baseline) in checks.items():
            assert service == baseline, what
            assert service, what  # something to compare
        # The lead sees the north team's accounts alone: nine managers of seventeen.
        assert len(checks["portfolio"][0]) == 9
        # What the measures wrote is gone again: the next run finds the portfolio as built.
        with psycopg.connect(**bench_team.conninfo(url)) as con:
            assert con.execute("SELECT count(*) FROM interaction").fetchone()[0] == count_before(
                TEAM_TINY, today)
    finally:
        pg_server.drop_database(url)


def count_before(params, today):
    from keyaccounts.devtools.bench import portfolio_rows

    tables = {t: rows for t, _c, rows in portfolio_rows(**params, today=today)}
    return len(tables["interaction"])


def test_the_team_cli_run_keeps_its_portfolio_on_a_named_server(pg_server, capsys):
    """With --server the portfolio is kept and reused (--rebuild makes it again)."""
    argv = ["bench", "--team", "--server", pg_server.url("postgres"), "--runs", "1",
            "--json", "--no-gui"] + [a for k in ("accounts", "contacts", "interactions",
                                                 "followups", "years")
                                     for a in (f"--{k}", str(TEAM_SMALLER[k]))]
    for again in (False, True):
        code = main(argv)
        out, err = capsys.readouterr()
        assert ("Building" in err) is not again, err
        assert out, (code, err)
        shown = json.loads(out)
        assert shown["params"]["accounts"] == TEAM_SMALLER["accounts"]
        assert len(shown["figures"]) == 8
        assert [f["name"] for f in shown["figures"][6:]] == [
            "team copy refresh, a day of 17 people", "team copy refresh rows, a day of 17"]
        assert code == (0 if all(f["ok"] for f in shown["figures"]) else 1)


def test_the_lead_s_first_screen_is_timed_while_teammates_write(pg_server):
    """Whole processes: the app started as the lead, a bare window, a writer logging as
    the managers meanwhile (each run's writes then forgotten)."""
    from keyaccounts.devtools import bench_team

    url = bench_team.build_team_portfolio(pg_server.url("postgres"), **TEAM_SMALLER)
    try:
        urls = bench_team.person_urls(url)
        f = bench_team._first_screen_figure(urls, bench_team.people().leads[0], runs=1)
        assert f.value > 0 and f.baseline > 0 and f.target == "<= 2 x"
        assert f.name == "lead's first screen, teammates writing"
    finally:
        pg_server.drop_database(url)


def test_the_team_run_refuses_a_server_that_is_no_postgresql_url(capsys):
    assert main(["bench", "--team", "--server", "sqlite:///x.sqlite3"]) == 2
    assert "--server" in capsys.readouterr().err
    assert main(["bench", "--server", "postgresql://a:secret@h/db"]) == 2
    assert capsys.readouterr().err.strip().endswith("--server: only with --team")
    # A server that is down: one line, without the password.
    down = "postgresql://admin:secret@/postgres?host=/tmp/keyaccounts-no-such-server"
    assert main(["bench", "--team", "--server", down]) == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "cannot connect" in line and "secret" not in line
