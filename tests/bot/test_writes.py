"""The process's count of writing statements (bot/writes.py), in all and per table, over a
real SQLite database."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from bot.writes import writes


def test_writes_are_counted_in_all_and_by_the_table_they_name() -> None:
    engine = create_engine("sqlite://")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE ratings (id INTEGER PRIMARY KEY, at TEXT)"))
        connection.execute(text("CREATE TABLE tickets (id INTEGER PRIMARY KEY)"))
    before = (writes(), writes("ratings"), writes("tickets"), writes("ratings_archive"))
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO ratings (at) VALUES ('now')"))
        connection.execute(text("UPDATE ratings SET at = 'later'"))
        connection.execute(text("SELECT * FROM ratings"))
        connection.execute(text("DELETE FROM tickets"))
    after = (writes(), writes("ratings"), writes("tickets"), writes("ratings_archive"))
    assert [b - a for a, b in zip(before, after, strict=True)] == [3, 2, 1, 0]
