"""The event index: one narrow, denormalised row per deduplicated event for the event list
(``mizan.analysis.search``: the API's ``GET /events``), so that a filtered, newest-first page
of a store of a million events reads one table instead of joining clusters, events and their
actors.

Each event has one row with ``actor_key = ''``, one row per actor key on either side (a
registry id, else country+sector) and one per actors' country (``@IRQ``: every Iraqi actor),
so "events of this actor" is the same query as "all events" with another key. The rows carry what the list shows (date, type, place, evidence,
actor and recipient labels, counts), and what an actor's timeline shows
(``mizan.analysis.timeline``). They are rewritten for every cluster the store touches
(``ClusterWriter._write_pairs`` calls :meth:`IndexWriter.write_index`), so they always agree
with ``Store.events()``. A bulk load writes them sorted by key and date, which lets DuckDB
skip whole row groups; PostgreSQL gets a b-tree on (actor_key, date).
"""

from __future__ import annotations

from typing import Any

from .schema import ACTOR_KEY

INDEX_COLUMNS = ["actor_key", "event_id", "date", "date_precision", "event", "cameo", "goldstein",
                 "quad_class", "modality", "place", "place_key", "country", "lat", "lon",
                 "evidence", "trigger", "confidence", "doc_id", "num_documents", "num_sources",
                 "actors", "recipients", "seq", "mode", "attributed_name", "num_mentions"]  # fmt: skip
SEQ = {"duckdb": "CAST(hash(c.cluster_id) >> 1 AS BIGINT)", "postgresql": "CAST(hashtext(c.cluster_id) AS BIGINT)"}
"""``seq``: a number drawn from the event's id that breaks ties between events of one date (an
integer sorts much faster than the id itself)."""
SEP_FIELD, SEP_ITEM = chr(31), chr(30)
"""Inside ``actors`` and ``recipients``: key and label are joined by SEP_FIELD, actors by SEP_ITEM."""


def _side(side: str) -> str:
    ka = ACTOR_KEY.format(a="a")
    label = "replace(replace(coalesce(a.name, a.text, ''), chr(30), ' '), chr(31), ' ')"
    return (f"string_agg(coalesce({ka}, '') || chr(31) || {label}, chr(30) ORDER BY a.position) "
            f"FILTER (WHERE a.side = '{side}')")


def parse_side(value: str | None) -> list[dict[str, Any]]:
    out = []
    for item in (value or "").split(SEP_ITEM):
        if item:
            key, _, name = item.partition(SEP_FIELD)
            out.append({"key": key or None, "name": name})
    return out


class IndexWriter:
    """The index half of :class:`~mizan.store.base.Store` (relies on its plumbing)."""

    dialect = "duckdb"

    def execute(self, sql: str, params: Any = ()) -> Any:
        raise NotImplementedError

    def query(self, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def temp_ids(self, name: str, values: Any, column: str = "id") -> str:
        raise NotImplementedError

    def write_index(self, remapped: bool = False) -> None:
        """Rewrite the index rows of the clusters in ``_mizan_touched`` (and drop those of the
        clusters merged away, in ``_mizan_remap``, when ``remapped``)."""
        self.execute("DELETE FROM event_index WHERE event_id IN (SELECT cluster_id FROM _mizan_touched)")
        if remapped:
            self.execute("DELETE FROM event_index WHERE event_id IN (SELECT old_id FROM _mizan_remap)")
        ka = ACTOR_KEY.format(a="a")
        self.execute(
            f"INSERT INTO event_index ({', '.join(INDEX_COLUMNS)}) "
            "SELECT k.actor_key, c.cluster_id, e.date, e.date_precision, e.event, e.cameo, e.goldstein, "
            "e.quad_class, e.modality, c.loc_name, lower(c.loc_name), c.loc_country, c.lat, c.lon, "
            "e.ev_text, e.ev_trigger, e.confidence, e.doc_id, c.num_documents, c.num_sources, "
            f"n.actors, n.recipients, {SEQ[self.dialect]}, e.mode, e.attributed_name, c.num_mentions "
            "FROM _mizan_touched t JOIN clusters c ON c.cluster_id = t.cluster_id "
            "JOIN events e ON e.event_id = c.cluster_id "
            f"LEFT JOIN (SELECT a.event_id, {_side('actor')} AS actors, {_side('recipient')} AS recipients "
            "FROM event_actors a JOIN _mizan_touched t2 ON t2.cluster_id = a.event_id GROUP BY a.event_id) n "
            "ON n.event_id = c.cluster_id "
            "JOIN (SELECT '' AS actor_key, t3.cluster_id FROM _mizan_touched t3 UNION "
            f"SELECT DISTINCT {ka}, a.event_id FROM event_actors a JOIN _mizan_touched t4 "
            f"ON t4.cluster_id = a.event_id WHERE {ka} IS NOT NULL UNION "
            "SELECT DISTINCT '@' || a.country, a.event_id FROM event_actors a JOIN _mizan_touched t5 "
            "ON t5.cluster_id = a.event_id WHERE a.country IS NOT NULL) k ON k.cluster_id = c.cluster_id "
            "ORDER BY k.actor_key, e.date DESC, c.cluster_id"
        )

    def drop_from_index(self, cluster_id: str) -> None:
        self.execute("DELETE FROM event_index WHERE event_id = ?", (cluster_id,))

    def rebuild_index(self) -> None:
        """Rewrite the whole index (a store made before it existed, or after a repair)."""
        self.execute("DELETE FROM event_index")
        self.temp_ids("_mizan_touched", (), "cluster_id")
        self.execute("INSERT INTO _mizan_touched (cluster_id) SELECT cluster_id FROM clusters")
        self.write_index()

    def upgrade_index(self) -> None:
        """Create the index of a store that has none (or an index of an older shape)."""
        try:
            self.query(f"SELECT {', '.join(INDEX_COLUMNS)} FROM event_index LIMIT 0")
        except Exception:  # an older shape: make it again
            if self.dialect == "postgresql":
                self.execute("ROLLBACK")
            from .schema import TABLES

            self.execute("DROP TABLE IF EXISTS event_index")
            self.execute(TABLES["event_index"])
        if self.dialect == "postgresql":
            self.execute("CREATE INDEX IF NOT EXISTS event_index_key ON event_index (actor_key, date)")
        if self.query("SELECT 1 FROM event_index LIMIT 1") or not self.query("SELECT 1 FROM clusters LIMIT 1"):
            return
        self.execute("BEGIN TRANSACTION")
        try:
            self.rebuild_index()
            self.execute("COMMIT")
        except Exception:
            self.execute("ROLLBACK")
            raise
