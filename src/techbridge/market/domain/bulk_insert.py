"""Inserting many rows of a wide model fast, inside the caller's transaction (imports of 20,000 rows).

Django's `bulk_create` compiles and converts every column of every row; for a ~50-column listing
most columns hold the same default in every row. Here each column that is equal in every object
is converted once, only the varying ones per row, and the rows go in with explicit primary keys:
- PostgreSQL: keys drawn from the table's sequence (safe beside concurrent writers), rows sent
  with COPY;
- SQLite: the write lock is held from the transaction's start (`transaction_mode` IMMEDIATE),
  so the keys after the largest one ever used are ours; rows sent with `executemany`.
A key taken by someone else can only end in an IntegrityError, never in a silent mix-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, models

CHUNK = 2000


def _field_values(objects: Sequence[models.Model], fields: list[Any]) -> list[list[Any]]:
    """Column-wise database values: a one-item list for a column equal in every object."""
    first = objects[0]
    columns: list[list[Any]] = []
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = field.pre_save(first, add=True)
            for obj in objects:
                setattr(obj, field.attname, value)
            columns.append([field.get_db_prep_save(value, connection)])
            continue
        template = getattr(first, field.attname)
        if all(getattr(obj, field.attname) == template for obj in objects):
            columns.append([field.get_db_prep_save(template, connection)])
        else:
            columns.append(
                [field.get_db_prep_save(getattr(obj, field.attname), connection) for obj in objects]
            )
    return columns


def _reserve_keys(table: str, pk_column: str, count: int) -> list[int]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk_column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        quoted = connection.ops.quote_name
        cursor.execute(
            f"SELECT MAX(largest) FROM (SELECT MAX({quoted(pk_column)}) AS largest FROM {quoted(table)}"  # noqa: S608
            " UNION ALL SELECT seq FROM sqlite_sequence WHERE name = %s)",
            [table],
        )
        start = (cursor.fetchone()[0] or 0) + 1
        return list(range(start, start + count))


def bulk_insert(objects: Sequence[models.Model]) -> None:
    """Insert new objects of one model (no primary key yet) and set their keys; needs a transaction."""
    if not objects:
        return
    if not connection.in_atomic_block:
        raise RuntimeError("bulk_insert must run inside transaction.atomic()")
    meta = objects[0]._meta
    pk = meta.pk
    if pk is None:
        raise TypeError(f"{meta.label} has no primary key")
    fields = [field for field in meta.concrete_fields if field is not pk]
    keys = _reserve_keys(meta.db_table, str(pk.column), len(objects))
    for obj, key in zip(objects, keys, strict=True):
        obj.pk = key
        obj._state.adding = False
        obj._state.db = connection.alias
    columns = _field_values(objects, fields)
    names = [str(pk.column), *(str(field.column) for field in fields)]
    rows = (
        (key, *(column[0] if len(column) == 1 else column[index] for column in columns))
        for index, key in enumerate(keys)
    )
    quoted = connection.ops.quote_name
    target = f"{quoted(meta.db_table)} ({', '.join(quoted(name) for name in names)})"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {target} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(names))
        batch: list[tuple[Any, ...]] = []
        for row in rows:
            batch.append(row)
            if len(batch) == CHUNK:
                cursor.executemany(f"INSERT INTO {target} VALUES ({placeholders})", batch)  # noqa: S608
                batch = []
        if batch:
            cursor.executemany(f"INSERT INTO {target} VALUES ({placeholders})", batch)  # noqa: S608
