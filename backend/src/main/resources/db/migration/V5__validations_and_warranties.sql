-- Validations and warranties, owned by the API's validations and warranties resources. A
-- validation's id is also the id of the pipeline that runs it (the orchestrator's table); this
-- row keeps what the user asked, how far it got and, once completed, the report.

CREATE TABLE validations (
    id                    UUID        PRIMARY KEY,
    owner_id              UUID        NOT NULL,
    dataset_id            UUID        NOT NULL,
    reference_dataset_id  UUID,
    holdout_dataset_id    UUID,
    generations           UUID[]      NOT NULL DEFAULT '{}',
    -- The whole request as accepted: what the pipeline is (re)created from.
    request               JSONB       NOT NULL,
    priority              TEXT        NOT NULL CHECK (priority IN ('express', 'standard', 'batch')),
    -- Idempotency-Key with the SHA-256 of the request it first came with.
    idempotency_key       TEXT        CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    request_sha256        TEXT        NOT NULL,
    status                TEXT        NOT NULL
                          CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
    -- Stage name -> fraction done (0 to 1); the stage and step last reported.
    progress              JSONB       NOT NULL DEFAULT '{}',
    stage                 TEXT,
    step                  TEXT,
    error                 TEXT,
    report                JSONB,
    score                 DOUBLE PRECISION,
    -- Every change increments it: the id of the server-sent event that carries the change.
    version               BIGINT      NOT NULL DEFAULT 1,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    started_at            TIMESTAMPTZ,
    completed_at          TIMESTAMPTZ
);

CREATE UNIQUE INDEX validations_idempotency ON validations (owner_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX validations_owner ON validations (owner_id, created_at DESC, id DESC);
CREATE INDEX validations_dataset ON validations (dataset_id, created_at);
CREATE INDEX validations_unfinished ON validations (updated_at) WHERE status IN ('queued', 'running');

CREATE TABLE warranties (
    id             UUID        PRIMARY KEY,
    owner_id       UUID        NOT NULL,
    validation_id  UUID        NOT NULL REFERENCES validations (id),
    tier           TEXT        NOT NULL CHECK (tier IN ('basic', 'standard', 'premium')),
    key_id         TEXT        NOT NULL,
    -- The DSSE envelope exactly as issued; its payload is the in-toto statement.
    envelope       JSONB       NOT NULL,
    dataset_sha256 TEXT        NOT NULL,
    issued_at      TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    revoked_at     TIMESTAMPTZ,
    revoked_by     UUID,
    revocation_reason TEXT     CHECK (length(revocation_reason) <= 500)
);

CREATE INDEX warranties_owner ON warranties (owner_id, issued_at DESC, id DESC);
CREATE INDEX warranties_validation ON warranties (validation_id);
