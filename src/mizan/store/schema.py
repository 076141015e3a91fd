"""The store's tables (documented in docs/schema.md). Portable SQL: DuckDB and PostgreSQL."""

TABLES = {
    "documents": """
        CREATE TABLE IF NOT EXISTS documents (
            doc_id VARCHAR PRIMARY KEY,
            content_hash VARCHAR NOT NULL,
            date DATE,
            title VARCHAR,
            source VARCHAR,
            url VARCHAR,
            origin VARCHAR,
            text VARCHAR NOT NULL,
            n_chars INTEGER,
            ingested_at TIMESTAMP
        )""",
    "events": """
        CREATE TABLE IF NOT EXISTS events (
            event_id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            event VARCHAR NOT NULL,
            mode VARCHAR,
            context VARCHAR,
            cameo VARCHAR NOT NULL,
            goldstein DOUBLE PRECISION,
            quad_class INTEGER,
            date DATE,
            enddate DATE,
            date_precision VARCHAR,
            date_text VARCHAR,
            loc_name VARCHAR,
            loc_country VARCHAR,
            loc_admin1 VARCHAR,
            lat DOUBLE PRECISION,
            lon DOUBLE PRECISION,
            geonameid BIGINT,
            loc_precision VARCHAR,
            modality VARCHAR NOT NULL,
            attributed_text VARCHAR,
            attributed_name VARCHAR,
            ev_sentence INTEGER,
            ev_start INTEGER,
            ev_end INTEGER,
            ev_text VARCHAR,
            ev_trigger VARCHAR,
            confidence DOUBLE PRECISION,
            coder VARCHAR
        )""",
    "event_actors": """
        CREATE TABLE IF NOT EXISTS event_actors (
            event_id VARCHAR NOT NULL,
            side VARCHAR NOT NULL,
            position INTEGER NOT NULL,
            text VARCHAR,
            name VARCHAR,
            actor_id VARCHAR,
            country VARCHAR,
            sector VARCHAR,
            role VARCHAR,
            PRIMARY KEY (event_id, side, position)
        )""",
    "mentions": """
        CREATE TABLE IF NOT EXISTS mentions (
            mention_id VARCHAR PRIMARY KEY,
            event_id VARCHAR NOT NULL,
            doc_id VARCHAR NOT NULL,
            sentence INTEGER,
            start_char INTEGER,
            end_char INTEGER,
            text VARCHAR,
            trigger VARCHAR,
            modality VARCHAR,
            confidence DOUBLE PRECISION
        )""",
    "event_clusters": """
        CREATE TABLE IF NOT EXISTS event_clusters (
            event_id VARCHAR PRIMARY KEY,
            cluster_id VARCHAR NOT NULL
        )""",
    "clusters": """
        CREATE TABLE IF NOT EXISTS clusters (
            cluster_id VARCHAR PRIMARY KEY,
            match_key VARCHAR NOT NULL,
            start_date DATE,
            end_date DATE,
            rank_key VARCHAR NOT NULL,
            loc_name VARCHAR,
            loc_country VARCHAR,
            loc_admin1 VARCHAR,
            lat DOUBLE PRECISION,
            lon DOUBLE PRECISION,
            geonameid BIGINT,
            loc_precision VARCHAR,
            num_events INTEGER NOT NULL,
            num_mentions INTEGER NOT NULL,
            num_documents INTEGER NOT NULL,
            num_sources INTEGER NOT NULL
        )""",
    "dyad_pairs": """
        CREATE TABLE IF NOT EXISTS dyad_pairs (
            cluster_id VARCHAR NOT NULL,
            source VARCHAR NOT NULL,
            target VARCHAR NOT NULL,
            date DATE,
            goldstein DOUBLE PRECISION,
            quad_class INTEGER
        )""",
    "actor_labels": """
        CREATE TABLE IF NOT EXISTS actor_labels (
            actor_key VARCHAR PRIMARY KEY,
            name VARCHAR,
            country VARCHAR,
            sector VARCHAR
        )""",
    "event_index": """
        CREATE TABLE IF NOT EXISTS event_index (
            actor_key VARCHAR NOT NULL,
            event_id VARCHAR NOT NULL,
            date DATE,
            date_precision VARCHAR,
            event VARCHAR,
            cameo VARCHAR,
            goldstein DOUBLE PRECISION,
            quad_class INTEGER,
            modality VARCHAR,
            place VARCHAR,
            place_key VARCHAR,
            country VARCHAR,
            lat DOUBLE PRECISION,
            lon DOUBLE PRECISION,
            evidence VARCHAR,
            trigger VARCHAR,
            confidence DOUBLE PRECISION,
            doc_id VARCHAR,
            num_documents INTEGER,
            num_sources INTEGER,
            actors VARCHAR,
            recipients VARCHAR,
            seq BIGINT,
            mode VARCHAR,
            attributed_name VARCHAR,
            num_mentions INTEGER
        )""",
    "api_tokens": """
        CREATE TABLE IF NOT EXISTS api_tokens (
            token_id VARCHAR PRIMARY KEY,
            role VARCHAR NOT NULL,
            name VARCHAR,
            salt VARCHAR NOT NULL,
            digest VARCHAR NOT NULL,
            created_at TIMESTAMP,
            revoked_at TIMESTAMP
        )""",
    "corrections": """
        CREATE TABLE IF NOT EXISTS corrections (
            correction_id VARCHAR PRIMARY KEY,
            event_id VARCHAR NOT NULL,
            field VARCHAR NOT NULL,
            before_value VARCHAR,
            after_value VARCHAR,
            reviewer VARCHAR NOT NULL,
            role VARCHAR,
            note VARCHAR,
            reports VARCHAR,
            created_at TIMESTAMP NOT NULL
        )""",
    "rejected_events": """
        CREATE TABLE IF NOT EXISTS rejected_events (
            event_id VARCHAR PRIMARY KEY,
            cluster_id VARCHAR NOT NULL,
            correction_id VARCHAR NOT NULL
        )""",
    "manifest": """
        CREATE TABLE IF NOT EXISTS manifest (
            content_hash VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            status VARCHAR NOT NULL,
            origin VARCHAR,
            reason VARCHAR,
            events INTEGER,
            recorded_at TIMESTAMP
        )""",
    "failures": """
        CREATE TABLE IF NOT EXISTS failures (
            source VARCHAR NOT NULL,
            line INTEGER,
            reason VARCHAR NOT NULL,
            failed_at TIMESTAMP
        )""",
}

INDEXES = (
    "CREATE INDEX IF NOT EXISTS events_date ON events (date)",
    "CREATE INDEX IF NOT EXISTS events_doc ON events (doc_id)",
    "CREATE INDEX IF NOT EXISTS actors_actor ON event_actors (actor_id)",
    "CREATE INDEX IF NOT EXISTS mentions_event ON mentions (event_id)",
    "CREATE INDEX IF NOT EXISTS documents_hash ON documents (content_hash)",
    "CREATE INDEX IF NOT EXISTS event_clusters_cluster ON event_clusters (cluster_id)",
    "CREATE INDEX IF NOT EXISTS clusters_key ON clusters (match_key)",
    "CREATE INDEX IF NOT EXISTS dyad_pairs_cluster ON dyad_pairs (cluster_id)",
    "CREATE INDEX IF NOT EXISTS corrections_event ON corrections (event_id)",
)

ACTOR_KEY = "coalesce({a}.actor_id, {a}.country || coalesce({a}.sector, ''))"
"""An actor's identity in dyads and networks: its registry id, else its country and sector (a
CAMEO-style code such as ``IRQCVL``). Format with the table alias: ``ACTOR_KEY.format(a="a")``."""

EVENT_COLUMNS = [
    "event_id",
    "doc_id",
    "event",
    "mode",
    "context",
    "cameo",
    "goldstein",
    "quad_class",
    "date",
    "enddate",
    "date_precision",
    "date_text",
    "loc_name",
    "loc_country",
    "loc_admin1",
    "lat",
    "lon",
    "geonameid",
    "loc_precision",
    "modality",
    "attributed_text",
    "attributed_name",
    "ev_sentence",
    "ev_start",
    "ev_end",
    "ev_text",
    "ev_trigger",
    "confidence",
    "coder",
]
ACTOR_COLUMNS = [
    "event_id",
    "side",
    "position",
    "text",
    "name",
    "actor_id",
    "country",
    "sector",
    "role",
]
MENTION_COLUMNS = [
    "mention_id",
    "event_id",
    "doc_id",
    "sentence",
    "start_char",
    "end_char",
    "text",
    "trigger",
    "modality",
    "confidence",
]
DOCUMENT_COLUMNS = [
    "doc_id",
    "content_hash",
    "date",
    "title",
    "source",
    "url",
    "origin",
    "text",
    "n_chars",
    "ingested_at",
]
MANIFEST_COLUMNS = [
    "content_hash",
    "doc_id",
    "status",
    "origin",
    "reason",
    "events",
    "recorded_at",
]
"""The manifest: one row per processed text (``status`` ``coded`` or ``failed``, with the
``reason``), written in the transaction that stores the document (docs/scaling.md)."""
CLUSTER_COLUMNS = [
    "cluster_id",
    "match_key",
    "start_date",
    "end_date",
    "rank_key",
    "loc_name",
    "loc_country",
    "loc_admin1",
    "lat",
    "lon",
    "geonameid",
    "loc_precision",
    "num_events",
    "num_mentions",
    "num_documents",
    "num_sources",
]
LOCATION_COLUMNS = ["loc_name", "loc_country", "loc_admin1", "lat", "lon", "geonameid", "loc_precision"]
COLUMNS = {
    "documents": DOCUMENT_COLUMNS,
    "events": EVENT_COLUMNS,
    "event_actors": ACTOR_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "event_clusters": ["event_id", "cluster_id"],
    "clusters": CLUSTER_COLUMNS,
    "manifest": MANIFEST_COLUMNS,
}
KEYS = {
    "documents": ["doc_id"],
    "events": ["event_id"],
    "event_actors": ["event_id", "side", "position"],
    "mentions": ["mention_id"],
    "event_clusters": ["event_id"],
    "clusters": ["cluster_id"],
    "manifest": ["content_hash"],
}
