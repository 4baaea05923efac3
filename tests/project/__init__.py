"""Tests of the project itself, read from its source: the layers, the one clock, the view
records (a package, so that its module names cannot clash with a test of the same name
elsewhere in tests/)."""
