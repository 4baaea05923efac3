"""SQL constructs that differ between SQLite and PostgreSQL, one function each, so that
the services' queries (SQLAlchemy Core) read the same on both engines."""

from __future__ import annotations

from datetime import date

from sqlalchemy import String, func, literal, type_coerce


def day_number(dialect: str, column):
    """A date column as a whole day number, so that one date minus another is the
    days between them: the Julian day in SQLite; PostgreSQL subtracts dates itself."""
    if dialect == "sqlite":
        return func.julianday(column)
    return column - literal(date(1970, 1, 1))


def json_array_values(dialect: str, column):
    """The elements of the JSON array in *column* (of text), as rows of a table-valued
    function with one column, ``value``, to join to the column's table."""
    if dialect == "sqlite":
        return func.json_each(column).table_valued("value")
    return func.json_array_elements_text(column).table_valued("value")


def as_text(column):
    """An enumerated column as the text it stores, for plain rows (views hold the text):
    no conversion to the enum and back, row by row."""
    return type_coerce(column, String())
