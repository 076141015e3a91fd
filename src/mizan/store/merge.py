"""Merging reports of one event across documents, in the store (docs/dedup.md).

Per-document event rows are never changed: their ids are content hashes, so re-coding a
document adds nothing. Merging lives beside them in two tables:
``event_clusters`` maps every event row to its cluster (a real event), and ``clusters`` holds
each cluster's matching state (key, date interval, best place) and its counts
(``num_events``, ``num_mentions``, ``num_documents``, ``num_sources``). A cluster's id is the id
of its representative report.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from .clustering import Cluster, Report, assign
from .matching import (
    MatchRule,
    actor_key,
    interval,
    load_rule,
    match_key,
    rank_key,
    symmetric_sql,
)
from .rows import Record, event_row, record_from_rows
from .schema import ACTOR_KEY, CLUSTER_COLUMNS, LOCATION_COLUMNS

_PENDING_COLS = ["event_id", "doc_id", "event", "cameo", "modality", "date", "enddate",
                 "date_precision", "confidence", *LOCATION_COLUMNS]  # fmt: skip


def _place(loc: dict[str, Any]) -> dict[str, Any] | None:
    if loc.get("loc_name") is None and loc.get("lat") is None and loc.get("loc_country") is None:
        return None
    return {"name": loc["loc_name"], "country": loc["loc_country"], "admin1": loc["loc_admin1"],
            "lat": loc["lat"], "lon": loc["lon"],
            "geonameid": int(loc["geonameid"]) if loc["geonameid"] is not None else None,
            "precision": loc["loc_precision"]}  # fmt: skip


def report_from_row(rule: MatchRule, row: dict[str, Any], sides: dict[str, list[str]]) -> Report:
    place = _place(row)
    return Report(
        event_id=row["event_id"],
        doc_id=row["doc_id"],
        key=match_key(rule, row["event"], row["cameo"], row["modality"],
                      sides.get("actor", []), sides.get("recipient", [])),  # fmt: skip
        span=interval(rule, row["date"], row["enddate"], row["date_precision"]),
        place=place,
        rank=rank_key(row["date_precision"], place, row["confidence"], row["event_id"]),
    )


def _report(rule: MatchRule, r: tuple[Any, ...], sides: dict[str, list[str]]) -> Report:
    """report_from_row for a row in _PENDING_COLS order (the fast path of bulk merging)."""
    (event_id, doc_id, event, cameo, modality, day, end, precision, confidence,
     name, country, admin1, lat, lon, geonameid, loc_precision) = r  # fmt: skip
    place = None
    if name is not None or lat is not None or country is not None:
        place = {"name": name, "country": country, "admin1": admin1, "lat": lat, "lon": lon,
                 "geonameid": int(geonameid) if geonameid is not None else None,
                 "precision": loc_precision}  # fmt: skip
    return Report(
        event_id, doc_id,
        match_key(rule, event, cameo, modality, sides.get("actor", []), sides.get("recipient", [])),
        interval(rule, day, end, precision), place,
        rank_key(precision, place, confidence, event_id),
    )  # fmt: skip


def cluster_record_row(
    ev: tuple[Any, ...], loc: tuple[Any, ...], counts: tuple[Any, ...],
    actors: list[tuple[Any, ...]], mentions: list[tuple[Any, ...]],
) -> Record:  # fmt: skip
    """A deduplicated event record: the representative report, the cluster's best place,
    every mention of every report, and the counts."""
    record = record_from_rows(ev, actors, mentions)
    record["location"] = _place(dict(zip(LOCATION_COLUMNS, loc, strict=True)))
    record["num_mentions"], record["num_documents"], record["num_sources"] = (int(x) for x in counts)
    return record


class ClusterWriter:
    """The merging half of :class:`~mizan.store.base.Store` (it relies on its plumbing)."""

    # provided by Store
    def execute(self, sql: str, params: Any = ()) -> Any:
        raise NotImplementedError

    def query(self, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def insert(self, table: str, columns: Any, rows: Any, key: Any) -> None:
        raise NotImplementedError

    def bulk_insert(self, table: str, columns: Any, data: Any, key: Any = None) -> None:
        raise NotImplementedError

    def temp_ids(self, name: str, values: Iterable[Any], column: str = "id") -> str:
        raise NotImplementedError

    def write_index(self, remapped: bool = False) -> None:  # provided by IndexWriter
        raise NotImplementedError

    def begin(self) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def rollback(self) -> None:
        raise NotImplementedError

    def cluster_pending(self, doc_id: str | None = None, rule: MatchRule | None = None) -> int:
        """Merge every stored event that is not yet in a cluster (only ``doc_id``'s when
        given) into the clusters it matches. Runs inside the caller's transaction. Returns
        the number of reports assigned."""
        rule = rule or load_rule()
        self.temp_ids("_mizan_pending", (), "event_id")
        cond, params = ("AND e.doc_id = ?", (doc_id,)) if doc_id is not None else ("", ())
        self.execute(
            "INSERT INTO _mizan_pending (event_id) SELECT e.event_id FROM events e "
            "LEFT JOIN event_clusters ec ON ec.event_id = e.event_id "
            f"WHERE ec.event_id IS NULL {cond} "
            "AND NOT EXISTS (SELECT 1 FROM rejected_events r WHERE r.event_id = e.event_id)",
            params,
        )
        cols = ", ".join(f"e.{c}" for c in _PENDING_COLS)
        rows = self.query(
            f"SELECT {cols} FROM events e JOIN _mizan_pending p ON p.event_id = e.event_id"
        )
        if not rows:
            return 0
        sides: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for event_id, side, aid, country, sector, name in self.query(
            "SELECT a.event_id, a.side, a.actor_id, a.country, a.sector, a.name "
            "FROM event_actors a JOIN _mizan_pending p ON p.event_id = a.event_id"
        ):
            sides[event_id][side].append(actor_key(aid, country, sector, name))
        reports = [_report(rule, r, sides.get(r[0], {})) for r in rows]
        clusters = self._load_clusters(reports)
        self._write_clusters(assign(rule, reports, clusters))
        return len(reports)

    def _load_clusters(self, reports: list[Report]) -> list[Cluster]:
        spans = [r.span for r in reports if r.span is not None]
        if not spans:
            return []
        lo = min(s[0] for s in spans)
        hi = max(s[1] for s in spans)
        self.temp_ids("_mizan_keys", (r.key for r in reports if r.span is not None), "match_key")
        cols = ", ".join(f"c.{c}" for c in CLUSTER_COLUMNS)
        rows = self.query(
            f"SELECT {cols} FROM clusters c JOIN _mizan_keys k ON k.match_key = c.match_key "
            "WHERE c.start_date IS NOT NULL AND c.start_date <= ? AND c.end_date >= ?",
            (hi, lo),
        )
        if not rows:
            return []
        clusters: dict[str, Cluster] = {}
        for row in rows:
            c = dict(zip(CLUSTER_COLUMNS, row, strict=True))
            clusters[c["cluster_id"]] = Cluster(
                cluster_id=c["cluster_id"], key=c["match_key"],
                span=(c["start_date"], c["end_date"]), place=_place(c), rank=c["rank_key"],
                db_ids={c["cluster_id"]},
            )  # fmt: skip
        self.temp_ids("_mizan_loaded", clusters, "cluster_id")
        for cluster_id, doc_id in self.query(
            "SELECT ec.cluster_id, e.doc_id FROM event_clusters ec "
            "JOIN _mizan_loaded l ON l.cluster_id = ec.cluster_id "
            "JOIN events e ON e.event_id = ec.event_id"
        ):
            clusters[cluster_id].docs.add(doc_id)
        return list(clusters.values())

    def _write_clusters(self, touched: list[Cluster]) -> None:
        if not touched:
            return
        remap = [(old, c.cluster_id) for c in touched for old in c.db_ids]
        if remap:
            self.execute("CREATE TEMP TABLE IF NOT EXISTS _mizan_remap (old_id VARCHAR, new_id VARCHAR)")
            self.execute("DELETE FROM _mizan_remap")
            self.bulk_insert("_mizan_remap", ["old_id", "new_id"], remap)
            self.execute(
                "UPDATE event_clusters SET cluster_id = r.new_id FROM _mizan_remap r "
                "WHERE event_clusters.cluster_id = r.old_id AND r.old_id <> r.new_id"
            )
            self.execute("DELETE FROM clusters WHERE cluster_id IN (SELECT old_id FROM _mizan_remap)")
        members = [(m, c.cluster_id) for c in touched for m in c.new_members]
        self.insert("event_clusters", ["event_id", "cluster_id"], members, ["event_id"])
        counts = self._counts(c.cluster_id for c in touched)
        rows = []
        for c in touched:
            p = c.place or {}
            lo, hi = c.span if c.span is not None else (None, None)
            n = counts.get(c.cluster_id, (0, 0, 0, 0))
            rows.append((c.cluster_id, c.key, lo, hi, c.rank, p.get("name"), p.get("country"),
                         p.get("admin1"), p.get("lat"), p.get("lon"), p.get("geonameid"),
                         p.get("precision"), *n))  # fmt: skip
        self.insert("clusters", CLUSTER_COLUMNS, rows, ["cluster_id"])
        self._write_pairs(bool(remap))

    def _write_pairs(self, remapped: bool) -> None:
        """The dyads of the touched clusters (whose ids are in ``_mizan_touched``): actor ×
        recipient pairs of the representative report, or, for a symmetric event without a
        recipient, the pairs of its actors. Kept beside the clusters so that dyad and network
        queries read one narrow table."""
        self.execute("DELETE FROM dyad_pairs WHERE cluster_id IN (SELECT cluster_id FROM _mizan_touched)")
        if remapped:
            self.execute("DELETE FROM dyad_pairs WHERE cluster_id IN (SELECT old_id FROM _mizan_remap)")
        ks, kr = ACTOR_KEY.format(a="s"), ACTOR_KEY.format(a="r")
        sym, params = symmetric_sql(load_rule())
        self.execute(
            "INSERT INTO dyad_pairs (cluster_id, source, target, date, goldstein, quad_class) "
            f"SELECT DISTINCT e.event_id, {ks}, {kr}, e.date, e.goldstein, e.quad_class "
            "FROM _mizan_touched t JOIN events e ON e.event_id = t.cluster_id "
            "JOIN event_actors s ON s.event_id = e.event_id AND s.side = 'actor' "
            "JOIN event_actors r ON r.event_id = e.event_id AND r.side = 'recipient' "
            f"WHERE {ks} IS NOT NULL AND {kr} IS NOT NULL AND {ks} <> {kr} "
            "UNION "
            f"SELECT DISTINCT e.event_id, {ks}, {kr}, e.date, e.goldstein, e.quad_class "
            "FROM _mizan_touched t JOIN events e ON e.event_id = t.cluster_id "
            "JOIN event_actors s ON s.event_id = e.event_id AND s.side = 'actor' "
            "JOIN event_actors r ON r.event_id = e.event_id AND r.side = 'actor' "
            f"WHERE {sym} AND {ks} < {kr} AND NOT EXISTS (SELECT 1 FROM event_actors x "
            "WHERE x.event_id = e.event_id AND x.side = 'recipient')",
            params,
        )
        ka = ACTOR_KEY.format(a="a")
        self.execute(
            "INSERT INTO actor_labels (actor_key, name, country, sector) "
            f"SELECT {ka}, min(CASE WHEN a.actor_id IS NULL THEN a.country || ' ' || "
            "coalesce(a.sector, '') ELSE a.name END), min(a.country), min(a.sector) "
            "FROM _mizan_touched t "
            f"JOIN event_actors a ON a.event_id = t.cluster_id WHERE {ka} IS NOT NULL "
            f"GROUP BY {ka} ON CONFLICT (actor_key) DO NOTHING"
        )
        self.write_index(remapped)  # store/index.py

    def _counts(self, cluster_ids: Iterable[str]) -> dict[str, tuple[int, int, int, int]]:
        self.temp_ids("_mizan_touched", cluster_ids, "cluster_id")
        return {
            row[0]: tuple(int(x) for x in row[1:])  # type: ignore[misc]
            for row in self.query(
                "SELECT ec.cluster_id, count(DISTINCT ec.event_id), count(m.mention_id), "
                "count(DISTINCT m.doc_id), count(DISTINCT coalesce(d.source, m.doc_id)) "
                "FROM event_clusters ec JOIN _mizan_touched t ON t.cluster_id = ec.cluster_id "
                "LEFT JOIN mentions m ON m.event_id = ec.event_id "
                "LEFT JOIN documents d ON d.doc_id = m.doc_id GROUP BY ec.cluster_id"
            )
        }

    def upgrade(self) -> None:
        """Fill tables added after a store was made (``dyad_pairs``) from what it holds."""
        if (self.query("SELECT 1 FROM dyad_pairs LIMIT 1") and self.query(
                "SELECT 1 FROM actor_labels LIMIT 1")) or not self.query("SELECT 1 FROM clusters LIMIT 1"):
            return
        self.begin()
        try:
            self.temp_ids("_mizan_touched", (), "cluster_id")
            self.execute("INSERT INTO _mizan_touched (cluster_id) SELECT cluster_id FROM clusters")
            self._write_pairs(False)
            self.commit()
        except Exception:
            self.rollback()
            raise

    def recluster(self, rule: MatchRule | None = None) -> int:
        """Drop every cluster and merge all reports again (after editing ``dedup.yaml``)."""
        self.begin()
        try:
            self.execute("DELETE FROM event_clusters")
            self.execute("DELETE FROM clusters")
            self.execute("DELETE FROM dyad_pairs")
            self.execute("DELETE FROM event_index")
            n = self.cluster_pending(rule=rule)
            self.commit()
        except Exception:
            self.rollback()
            raise
        return n

    def add_canonical(self, records: Iterable[Record], documents: Iterable[tuple[Any, ...]] = (),
                      rule: MatchRule | None = None) -> int:  # fmt: skip
        """Store already-merged event records (a re-imported export) as they are: each record
        is one event and one cluster, with all its mentions. ``documents`` are rows of
        DOCUMENT_COLUMNS (citation stubs). Returns the number of new events."""
        from .rows import actor_rows, mention_rows
        from .schema import ACTOR_COLUMNS, DOCUMENT_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS

        rule = rule or load_rule()
        records = list(records)
        self.begin()
        try:
            known = {r[0] for r in self.query("SELECT event_id FROM event_clusters")} if records else set()
            fresh = [r for r in records if r["id"] not in known]
            self.insert("documents", DOCUMENT_COLUMNS, documents, ["doc_id"])
            self.insert("events", EVENT_COLUMNS, [event_row(r) for r in fresh], ["event_id"])
            self.insert("event_actors", ACTOR_COLUMNS, [x for r in fresh for x in actor_rows(r)],
                        ["event_id", "side", "position"])  # fmt: skip
            self.insert("mentions", MENTION_COLUMNS, [x for r in fresh for x in mention_rows(r)],
                        ["mention_id"])  # fmt: skip
            touched = []
            for r in fresh:
                keys = {
                    side: [actor_key(a.get("id"), a.get("country"), a.get("sector"), a.get("name"))
                           for a in r.get(side) or []]
                    for side in ("actor", "recipient")
                }  # fmt: skip
                row = dict(zip(_PENDING_COLS[:9], [
                    r["id"], r["doc_id"], r["event"], r["cameo"], r["modality"], _d(r.get("date")),
                    _d(r.get("enddate")), r.get("date_precision"), r.get("confidence")], strict=True))  # fmt: skip
                loc = r.get("location") or {}
                row.update({"loc_name": loc.get("name"), "loc_country": loc.get("country"),
                            "loc_admin1": loc.get("admin1"), "lat": loc.get("lat"),
                            "lon": loc.get("lon"), "geonameid": loc.get("geonameid"),
                            "loc_precision": loc.get("precision")})  # fmt: skip
                rep = report_from_row(rule, row, keys)
                c = Cluster(rep.event_id, rep.key, rep.span, rep.place, rep.rank, {rep.doc_id})
                c.new_members.append(rep.event_id)
                touched.append(c)
            self._write_clusters(touched)
            self.commit()
        except Exception:
            self.rollback()
            raise
        return len(fresh)


def _d(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
