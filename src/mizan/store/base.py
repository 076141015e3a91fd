"""Opening a store and reading and writing it. DuckDB is the default backend; PostgreSQL
(``postgresql://`` URLs) uses the same tables and the same SQL (see postgres.py)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .index import IndexWriter
from .manifest import ManifestWriter
from .merge import ClusterWriter, cluster_record_row
from .rows import (
    Record,
    actor_rows,
    content_hash,
    document_row,
    event_row,
    manifest_row,
    mention_rows,
    now,
    record_from_rows,
)
from .schema import (
    ACTOR_COLUMNS,
    COLUMNS,
    DOCUMENT_COLUMNS,
    EVENT_COLUMNS,
    INDEXES,
    KEYS,
    LOCATION_COLUMNS,
    MENTION_COLUMNS,
    TABLES,
)

CANONICAL = "clusters c JOIN events e ON e.event_id = c.cluster_id"
"""The FROM clause of the deduplicated events: one row per real event (its representative)."""


class Store(IndexWriter, ClusterWriter, ManifestWriter):
    """A connection to an event store. Use :func:`open_store`."""

    placeholder = "?"
    dialect = "duckdb"
    bulk_threshold = 5000
    """``insert`` hands more rows than this to ``bulk_insert`` (DuckDB's executemany runs a
    statement per row, so DuckDB stores lower it)."""

    def __init__(self, conn: Any, url: str, read_only: bool = False) -> None:
        self.conn = conn
        self.url = url
        self.read_only = read_only
        if not read_only:
            self.create()

    # -- plumbing -------------------------------------------------------------------------
    def sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(self.sql(sql), params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(self.sql(sql), rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self.execute(sql, params).fetchall())

    def insert(
        self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], key: Sequence[str]
    ) -> None:
        """``INSERT … ON CONFLICT DO NOTHING``: rows whose key is already stored are skipped."""
        rows = [tuple(r) for r in rows]
        if not rows:
            return
        if len(rows) > self.bulk_threshold:
            at = [list(columns).index(k) for k in key]
            unique = {tuple(r[i] for i in at): r for r in reversed(rows)}  # the first row wins
            self.bulk_insert(table, columns, list(reversed(unique.values())), key)
            return
        cols = ", ".join(columns)
        marks = ", ".join("?" for _ in columns)
        sql = f"INSERT INTO {table} ({cols}) VALUES ({marks}) ON CONFLICT ({', '.join(key)}) DO NOTHING"
        self.executemany(sql, rows)

    def bulk_insert(
        self, table: str, columns: Sequence[str], data: Any, key: Sequence[str] | None = None
    ) -> None:
        """Insert many rows (a list of tuples or a pyarrow Table) at once. DuckDB reads the
        Arrow table directly; PostgreSQL overrides this with COPY."""
        import pyarrow as pa

        if not isinstance(data, pa.Table):
            data = _arrow_from_rows(columns, data)
        name = f"_mizan_stage_{table}"
        self.conn.register(name, data)
        try:
            cols = ", ".join(columns)
            conflict = f" ON CONFLICT ({', '.join(key)}) DO NOTHING" if key else ""
            self.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {name}{conflict}")
        finally:
            self.conn.unregister(name)

    def fetch_arrow(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """A query's result as a pyarrow Table."""
        return self.conn.sql(self.sql(sql), params=list(params) or None).to_arrow_table()

    def struct_list(self, fields: Sequence[tuple[str, str]], order: str, condition: str) -> str:
        """An aggregate: the list of structs ``{name: expr}`` of the group's rows that meet
        ``condition``, ordered by ``order`` (which must be the first field)."""
        packed = ", ".join(f"{name} := {expr}" for name, expr in fields)
        return f"list_sort(list(struct_pack({packed})) FILTER (WHERE {condition}))"

    def copy_parquet(self, sql: str, params: Sequence[Any], path: str) -> int:
        """Write a query's result to a Parquet file (DuckDB's COPY); returns the row count."""
        quoted = path.replace("'", "''")
        self.execute(f"COPY ({sql}) TO '{quoted}' (FORMAT PARQUET, COMPRESSION ZSTD)", params)
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(path).metadata.num_rows)

    def temp_ids(self, name: str, values: Iterable[Any], column: str = "id") -> str:
        """Fill the temporary one-column table ``name`` with ``values``; returns its name."""
        self.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} ({column} VARCHAR)")
        self.execute(f"DELETE FROM {name}")
        rows = [(v,) for v in dict.fromkeys(values)]
        if rows:
            if len(rows) > self.bulk_threshold:
                self.bulk_insert(name, [column], rows)
            else:
                self.executemany(f"INSERT INTO {name} ({column}) VALUES (?)", rows)
        return name

    def create(self) -> None:
        for ddl in TABLES.values():
            self.execute(ddl)
        for ddl in INDEXES:
            self.execute(ddl)
        self.upgrade()
        self.upgrade_index()

    def begin(self) -> None:
        self.execute("BEGIN TRANSACTION")

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        self.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing --------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return bool(self.query("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)))

    def document_status(self, doc_id: str, text: str) -> tuple[str, str | None]:
        """Whether a document is ``new``, already ``stored`` (same id, same text), ``changed``
        (same id, other text) or a ``duplicate`` (same text under another id, which is given)."""
        digest = hashlib.sha256(text.encode()).hexdigest()
        rows = self.query(
            "SELECT doc_id, content_hash FROM documents WHERE doc_id = ? OR content_hash = ?",
            (doc_id, digest),
        )
        for found_id, found_hash in rows:
            if found_id == doc_id:
                return ("stored" if found_hash in (digest, "") else "changed"), found_id
        if rows:
            return "duplicate", rows[0][0]
        return "new", None

    def add_document(self, doc: Any, records: Iterable[Record]) -> int:
        """Store one coded document and its records in one transaction, and merge its events
        with reports of the same events from other documents. Returns the number of new
        per-document events."""
        records = list(records)
        digest = content_hash(doc.text)
        row = document_row(doc, digest)
        ids = [r["id"] for r in records]
        self.begin()
        try:
            before = self._count_ids(ids)
            self.insert("documents", DOCUMENT_COLUMNS, [row], ["doc_id"])
            self.add_records(records)
            self.list_processed([manifest_row(digest, doc.id, "coded", doc.origin,
                                              events=len(records))])  # fmt: skip
            after = self._count_ids(ids)
            self.cluster_pending(doc_id=doc.id)
            self.commit()
        except Exception as exc:
            self.rollback()
            raise StoreError(f"{self.url}: could not store document {doc.id!r}: {exc}") from exc
        return after - before

    def _count_ids(self, ids: list[str]) -> int:
        if not ids:
            return 0
        marks = ", ".join("?" for _ in ids)
        return int(
            self.query(f"SELECT count(*) FROM events WHERE event_id IN ({marks})", ids)[0][0]
        )

    def add_records(self, records: Iterable[Record]) -> None:
        """Write records (no transaction, no merging: see ``add_document`` and ``add_tables``)."""
        records = list(records)
        self.insert("events", EVENT_COLUMNS, [event_row(r) for r in records], ["event_id"])
        self.insert("event_actors", ACTOR_COLUMNS, [row for r in records for row in actor_rows(r)],
                    ["event_id", "side", "position"])  # fmt: skip
        self.insert(
            "mentions",
            MENTION_COLUMNS,
            [row for r in records for row in mention_rows(r)],
            ["mention_id"],
        )

    def add_tables(
        self, tables: dict[str, Any], cluster: bool = True,
        failures: Iterable[tuple[str, int | None, str]] = (),
    ) -> int:  # fmt: skip
        """The bulk path: write Arrow tables (or lists of row tuples) keyed by table name
        (``documents``, ``events``, ``event_actors``, ``mentions``, ``manifest``; columns as in
        schema.py, e.g. Parquet shards written by workers) and ``failures`` (source, line,
        reason) in one transaction, then merge the new events. Rows already stored are skipped,
        so a shard can be added twice; manifest rows replace earlier rows of their texts.
        Returns the number of reports merged."""
        valid = ("documents", "events", "event_actors", "mentions", "manifest")
        unknown = set(tables) - set(valid)
        if unknown:
            raise StoreError(f"add_tables: unknown table(s) {sorted(unknown)}; valid: "
                             f"{', '.join(valid)}")  # fmt: skip
        self.begin()
        try:
            for name in valid[:-1]:
                if name in tables and tables[name] is not None:
                    self.bulk_insert(name, COLUMNS[name], tables[name], KEYS[name])
            if tables.get("manifest") is not None:
                manifest = tables["manifest"]
                if not isinstance(manifest, list):
                    manifest = _rows_from_arrow(COLUMNS["manifest"], manifest)
                self.list_processed(manifest)
            for source, line, reason in failures:
                self.add_failure(source, line, reason)
            n = self.cluster_pending() if cluster else 0
            self.commit()
        except Exception as exc:
            self.rollback()
            raise StoreError(f"{self.url}: could not add tables: {exc}") from exc
        return n

    def add_failure(self, source: str, line: int | None, reason: str) -> None:
        """Record an input that failed, once (a re-run does not repeat the row)."""
        if self.query(
            "SELECT 1 FROM failures WHERE source = ? AND coalesce(line, -1) = ? AND reason = ?",
            (source, -1 if line is None else line, reason),
        ):
            return
        self.execute("INSERT INTO failures (source, line, reason, failed_at) VALUES (?, ?, ?, ?)",
                     (source, line, reason, now()))  # fmt: skip

    # -- reading --------------------------------------------------------------------------
    def records(
        self, where: str = "", params: Sequence[Any] = (), order: str = "date, event_id"
    ) -> Iterator[Record]:
        """Per-document event records as stored (before merging), optionally filtered by a
        SQL condition on ``events``. Reports a reviewer marked wrong are left out."""
        kept = "event_id NOT IN (SELECT event_id FROM rejected_events)"
        cond = f"({where}) AND {kept}" if where else kept
        sql = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE {cond} ORDER BY {order}"
        events = self.query(sql, params)
        for chunk_start in range(0, len(events), 500):
            chunk = events[chunk_start : chunk_start + 500]
            ids = [e[0] for e in chunk]
            actors = self._by_event("event_actors", ACTOR_COLUMNS, ids, 0)
            mentions = self._by_event("mentions", MENTION_COLUMNS, ids, 1)
            for e in chunk:
                yield record_from_rows(e, actors.get(e[0], []), mentions.get(e[0], []))

    def _by_event(
        self, table: str, columns: list[str], ids: list[str], key: int
    ) -> dict[str, list[tuple[Any, ...]]]:
        marks = ", ".join("?" for _ in ids)
        out: dict[str, list[tuple[Any, ...]]] = {}
        for row in self.query(
            f"SELECT {', '.join(columns)} FROM {table} WHERE event_id IN ({marks})", ids
        ):
            out.setdefault(row[key], []).append(row)
        return out

    def events(
        self, where: str = "", params: Sequence[Any] = (), order: str = "e.date, e.event_id",
        limit: int | None = None,
    ) -> Iterator[Record]:  # fmt: skip
        """Deduplicated event records: one per real event, with every mention from every
        document and ``num_mentions``, ``num_documents``, ``num_sources``. ``where`` is a SQL
        condition on ``e`` (the representative report's row) and ``c`` (its cluster)."""
        cols = [f"e.{c}" for c in EVENT_COLUMNS] + [f"c.{c}" for c in LOCATION_COLUMNS]
        cols += ["c.num_mentions", "c.num_documents", "c.num_sources"]
        sql = (f"SELECT {', '.join(cols)} FROM {CANONICAL} {'WHERE ' + where if where else ''} "
               f"ORDER BY {order}" + (f" LIMIT {int(limit)}" if limit is not None else ""))  # fmt: skip
        rows = self.query(sql, params)
        n = len(EVENT_COLUMNS)
        for chunk_start in range(0, len(rows), 500):
            chunk = rows[chunk_start : chunk_start + 500]
            ids = [r[0] for r in chunk]
            actors = self._by_event("event_actors", ACTOR_COLUMNS, ids, 0)
            marks = ", ".join("?" for _ in ids)
            mentions: dict[str, list[tuple[Any, ...]]] = {}
            mcols = ", ".join(f"m.{c}" for c in MENTION_COLUMNS)
            for row in self.query(
                f"SELECT ec.cluster_id, {mcols} FROM event_clusters ec "
                f"JOIN mentions m ON m.event_id = ec.event_id WHERE ec.cluster_id IN ({marks})",
                ids,
            ):
                mentions.setdefault(row[0], []).append(row[1:])
            for r in chunk:
                yield cluster_record_row(r[:n], r[n : n + 7], r[n + 7 :],
                                         actors.get(r[0], []), mentions.get(r[0], []))  # fmt: skip

    def documents(self, doc_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Citation details (title, source, url, date, origin) of the given documents."""
        ids = list(dict.fromkeys(doc_ids))
        out: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            for doc_id, day, title, source, url, origin in self.query(
                "SELECT doc_id, date, title, source, url, origin FROM documents "
                f"WHERE doc_id IN ({marks})",
                chunk,
            ):
                out[doc_id] = {"doc_id": doc_id, "date": day.isoformat() if day else None,
                               "title": title, "source": source, "url": url, "origin": origin}  # fmt: skip
        return out

    def document_text(self, doc_id: str) -> str | None:
        rows = self.query("SELECT text FROM documents WHERE doc_id = ?", (doc_id,))
        return rows[0][0] if rows else None

    def counts(self) -> dict[str, int]:
        return {t: int(self.query(f"SELECT count(*) FROM {t}")[0][0]) for t in TABLES}


def _rows_from_arrow(columns: Sequence[str], table: Any) -> list[tuple[Any, ...]]:
    return list(zip(*(table.column(c).to_pylist() for c in columns), strict=True))


def _arrow_from_rows(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Any:
    import pyarrow as pa

    rows = list(rows)
    data = {c: [r[i] for r in rows] for i, c in enumerate(columns)}
    return pa.table(data)


class DuckDBStore(Store):
    placeholder = "?"
    dialect = "duckdb"
    bulk_threshold = 16


def open_store(url: str | Path, read_only: bool = False) -> Store:
    """Open (creating if needed) the store at ``url``: a DuckDB file path, ``:memory:``, or a
    ``postgresql://`` URL. ``read_only`` opens an existing store for queries only."""
    url = str(url)
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres import open_postgres

        return open_postgres(url, read_only=read_only)
    import duckdb

    if read_only and url != ":memory:" and not Path(url).exists():
        raise StoreError(f"{url}: no such store; create it with `mizan ingest FILES --db {url}`")
    try:
        if url != ":memory:":
            Path(url).parent.mkdir(parents=True, exist_ok=True)
        conn = duckdb.connect(url, read_only=read_only and url != ":memory:")
        conn.execute("SET enable_progress_bar = false")  # never print on the user's stdout
    except Exception as exc:  # duckdb raises its own IOException etc.
        raise StoreError(f"{url}: cannot open the DuckDB store: {exc}") from exc
    return DuckDBStore(conn, url, read_only=read_only and url != ":memory:")

