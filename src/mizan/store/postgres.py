"""The PostgreSQL backend (``--db postgresql://user@host:port/dbname``), with psycopg 3.

Same tables, same SQL as DuckDB; only the parameter marks (``%s``), the bulk path (COPY) and
Arrow results differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import StoreError
from .base import Store


class PostgresStore(Store):
    placeholder = "%s"
    dialect = "postgresql"

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(self.sql(sql), tuple(params) if params else None)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(self.sql(sql), rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cur = self.execute(sql, params)
        return list(cur.fetchall()) if cur.description is not None else []

    def bulk_insert(
        self, table: str, columns: Sequence[str], data: Any, key: Sequence[str] | None = None
    ) -> None:
        """COPY into a staging table, then insert the rows whose key is new."""
        rows = _rows(columns, data)
        cols = ", ".join(columns)
        target = table
        if key:
            target = f"_mizan_copy_{table}"
            self.execute(f"DROP TABLE IF EXISTS {target}")
            self.execute(f"CREATE TEMP TABLE {target} (LIKE {table})")
        with self.conn.cursor() as cur, cur.copy(f"COPY {target} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        if key:
            self.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {target} "
                         f"ON CONFLICT ({', '.join(key)}) DO NOTHING")  # fmt: skip
            self.execute(f"DROP TABLE {target}")

    def struct_list(self, fields: Any, order: str, condition: str) -> str:
        packed = ", ".join(f"'{name}', {expr}" for name, expr in fields)
        return f"json_agg(json_build_object({packed}) ORDER BY {order}) FILTER (WHERE {condition})"

    def fetch_arrow(self, sql: str, params: Sequence[Any] = ()) -> Any:
        import pyarrow as pa

        cur = self.execute(sql, params)
        names = [d.name for d in cur.description]
        rows = cur.fetchall()
        return pa.table({n: [r[i] for r in rows] for i, n in enumerate(names)})


def _rows(columns: Sequence[str], data: Any) -> Any:
    import pyarrow as pa

    if isinstance(data, pa.Table):
        arrays = [data.column(c).to_pylist() for c in columns]
        return zip(*arrays, strict=True)
    return data


def open_postgres(url: str, read_only: bool = False) -> Store:
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        raise StoreError(f"{url}: PostgreSQL needs psycopg; `pip install 'psycopg[binary]'`") from None
    try:
        conn = psycopg.connect(url, autocommit=True)
    except Exception as exc:  # psycopg.OperationalError and friends
        shown = url.split("@")[-1]  # never echo a password
        raise StoreError(f"postgresql://…@{shown}: cannot connect to PostgreSQL: {exc}") from exc
    return PostgresStore(conn, url, read_only=read_only)
