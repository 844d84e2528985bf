"""Bring a work database built with an earlier schema up to this one, in place.

Rebuilding a warehouse from its raw files takes 14 to 26 minutes at a million
articles, so a schema change that loses nothing (a key dropped, a column
added, a comment reworded) is applied where the data lies. What the database
holds is compared with what the schema files define, table by table: a table
whose columns or key differ is made again from its file and its rows copied
across by column name, and the files' comments are applied to every table.
A change that would drop or retype a column is refused, with the column's
name, and nothing is half-done: it all happens in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from warehouse.schema import LAYERS, apply_schema, schema_sql

SHAPES = """
SELECT c.schema_name || '.' || c.table_name AS table_name,
       list((c.column_name, c.data_type, c.is_nullable) ORDER BY c.column_index) AS columns,
       (SELECT any_value(k.constraint_column_names) FROM duckdb_constraints() AS k
        WHERE k.database_name = c.database_name AND k.schema_name = c.schema_name
          AND k.table_name = c.table_name AND k.constraint_type = 'PRIMARY KEY') AS key
FROM duckdb_columns() AS c JOIN duckdb_tables() AS t USING (database_name, schema_name, table_name)
WHERE c.database_name = current_database() AND list_contains($layers, c.schema_name)
GROUP BY c.database_name, c.schema_name, c.table_name
"""
# The name a table has while its rows are copied into its new definition.
OUTGOING_SUFFIX = "__before_migration"


class SchemaConflict(RuntimeError):
    """The database differs from the schema in a way that cannot be applied without losing data."""


@dataclass(frozen=True)
class TableShape:
    """What a table is made of: its columns (name, type, nullable) in order, and its key."""

    columns: tuple[tuple[str, str, bool], ...]
    key: tuple[str, ...]

    @property
    def types(self) -> dict[str, str]:
        return {name: data_type for name, data_type, _ in self.columns}


def table_shapes(con: duckdb.DuckDBPyConnection) -> dict[str, TableShape]:
    """The shape of every table of the warehouse's layers, by `layer.table`."""
    rows = con.execute(SHAPES, {"layers": list(LAYERS)}).fetchall()
    return {
        name: TableShape(tuple(tuple(column) for column in columns), tuple(key or ()))
        for name, columns, key in rows
    }


def _table_files() -> dict[str, str]:
    """Each table's definition (its schema file's SQL), by `layer.table`."""
    return {name.removesuffix(".sql").replace("/", "."): sql for name, sql in schema_sql()}


def expected_shapes() -> dict[str, TableShape]:
    """The shapes the schema files define, read from an empty database they are applied to."""
    con = duckdb.connect()
    try:
        apply_schema(con)
        return table_shapes(con)
    finally:
        con.close()


def migration_plan(con: duckdb.DuckDBPyConnection) -> dict[str, TableShape]:
    """The tables that must be made again to match the schema, with the shape each has now;
    SchemaConflict if one would lose data."""
    found = table_shapes(con)
    plan = {}
    for table, expected in expected_shapes().items():
        held = found.get(table)
        if held is None or held == expected:
            continue
        for column, data_type in held.types.items():
            wanted = expected.types.get(column)
            if wanted is None:
                raise SchemaConflict(f"{table}.{column} is not in this schema and would be lost")
            if wanted != data_type:
                raise SchemaConflict(
                    f"{table}.{column} is {data_type} here, {wanted} in this schema"
                )
        plan[table] = held
    return plan


def _remake(
    con: duckdb.DuckDBPyConnection, table: str, definition: str, columns: list[str]
) -> None:
    """Make `table` again from its definition and copy its rows into it, by column name.

    DuckDB cannot rename a table that has an index, so its indexes are dropped
    first; `warehouse.schema.apply_indexes` makes them again when the database
    is next opened for work.
    """
    layer, name = table.split(".")
    indexes = con.execute(
        "SELECT index_name FROM duckdb_indexes() WHERE schema_name = $layer AND table_name = $name",
        {"layer": layer, "name": name},
    ).fetchall()
    for (index,) in indexes:
        con.execute(f'DROP INDEX "{layer}"."{index}"')
    outgoing = f"{name}{OUTGOING_SUFFIX}"
    con.execute(f'ALTER TABLE "{layer}"."{name}" RENAME TO "{outgoing}"')
    con.execute(definition)
    listed = ", ".join(f'"{column}"' for column in columns)
    con.execute(
        f'INSERT INTO "{layer}"."{name}" BY NAME SELECT {listed} FROM "{layer}"."{outgoing}"'
    )
    con.execute(f'DROP TABLE "{layer}"."{outgoing}"')


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Bring the database on `con` to this schema; the tables made again.

    Tables the schema adds are created, and every table's comments are those of
    its file. SchemaConflict, with the database unchanged, when a table cannot
    be brought over whole.
    """
    plan = migration_plan(con)
    definitions = _table_files()
    con.execute("BEGIN TRANSACTION")
    try:
        for table, held in plan.items():
            _remake(con, table, definitions[table], list(held.types))
        apply_schema(con)
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise SchemaConflict(f"{', '.join(plan)} could not be brought over: {exc}") from exc
    return list(plan)
