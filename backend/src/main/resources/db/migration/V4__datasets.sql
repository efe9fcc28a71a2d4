-- Dataset records, owned by the API's datasets resource. The bytes and their columnar copy live
-- with the data service under SYNTHOS_DATA_DIR; this table says whose they are and what they hold.

CREATE TABLE datasets (
    id                   UUID        PRIMARY KEY,
    owner_id             UUID        NOT NULL,
    name                 TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    format               TEXT        NOT NULL CHECK (format IN ('csv', 'tsv', 'jsonl')),
    -- CSV only; NULL sniffs it at ingest.
    delimiter            TEXT        CHECK (length(delimiter) = 1),
    -- 'deleting' rows are gone for users; they wait until the data service dropped their bytes.
    status               TEXT        NOT NULL
                         CHECK (status IN ('uploading', 'processing', 'ready', 'failed', 'deleting')),
    failure_reason       TEXT,
    -- Declared at initiate (both optional), checked when the upload completes.
    declared_size_bytes  BIGINT      CHECK (declared_size_bytes > 0),
    declared_sha256      TEXT        CHECK (declared_sha256 ~ '^[0-9a-f]{64}$'),
    -- Column name -> forced type, as the user asked; the ingest applies them.
    column_types         JSONB       NOT NULL DEFAULT '{}',
    -- SHA-256 of the upload token, which is the only credential of PUT {upload_url}.
    upload_token_hash    BYTEA       UNIQUE,
    upload_expires_at    TIMESTAMPTZ,
    -- The ingest job of the current profile (chosen here, so a retried request reuses it).
    ingest_job_id        UUID        UNIQUE,
    size_bytes           BIGINT,
    sha256               TEXT,
    rows                 BIGINT,
    columns              INTEGER,
    schema               JSONB,
    profile              JSONB,
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL,
    ready_at             TIMESTAMPTZ
);

CREATE INDEX datasets_owner ON datasets (owner_id, created_at DESC, id DESC);
CREATE INDEX datasets_expiring ON datasets (upload_expires_at) WHERE status = 'uploading';
CREATE INDEX datasets_deleting ON datasets (updated_at) WHERE status = 'deleting';
CREATE INDEX datasets_processing ON datasets (updated_at) WHERE status = 'processing';
