-- Every start of a Synthos process that runs a database role, for operators and for the
-- restart test: a row written here before a restart is still here after it.
CREATE TABLE node_starts (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    node_id     TEXT        NOT NULL,
    roles       TEXT[]      NOT NULL,
    version     TEXT        NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX node_starts_started_at ON node_starts (started_at DESC);
