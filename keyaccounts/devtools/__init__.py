"""Tools for developers: the benchmark (``keyaccounts bench``) and the demo portfolio
(``keyaccounts demo``, also the app's ``--demo``).

Imports anything in keyaccounts/ (never Qt: the bench times the app by starting it as a
separate process, ui.bench_probe). Nothing in domain/, storage/, services/ or io/ imports
it.
"""
