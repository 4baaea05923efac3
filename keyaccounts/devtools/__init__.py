"""Tools for developers: the benchmark, the demo portfolio, performance helpers.

Imports anything in keyaccounts/; the app uses the demo and the perf helpers.
"""
