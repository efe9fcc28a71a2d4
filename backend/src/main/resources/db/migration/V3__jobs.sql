-- Jobs and pipelines, owned by the orchestrator. PostgreSQL is the truth: the event bus only
-- carries notifications about these rows.

CREATE TABLE pipelines (
    id           UUID        PRIMARY KEY,
    kind         TEXT        NOT NULL CHECK (kind IN ('validation', 'full')),
    owner_id     UUID        NOT NULL,
    priority     SMALLINT    NOT NULL CHECK (priority BETWEEN 0 AND 2),
    state        TEXT        NOT NULL CHECK (state IN ('running', 'succeeded', 'failed', 'cancelled')),
    input        JSONB       NOT NULL,
    error        TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ
);

CREATE INDEX pipelines_owner ON pipelines (owner_id, created_at DESC, id DESC);

CREATE TABLE jobs (
    id                UUID        PRIMARY KEY,
    pipeline_id       UUID        REFERENCES pipelines (id) ON DELETE CASCADE,
    stage             TEXT,
    type              TEXT        NOT NULL,
    pool              TEXT        NOT NULL CHECK (pool IN ('none', 'data', 'validation', 'collapse')),
    owner_id          UUID        NOT NULL,
    -- 0 express, 1 standard, 2 batch.
    priority          SMALLINT    NOT NULL CHECK (priority BETWEEN 0 AND 2),
    cpu_millis        INTEGER     NOT NULL CHECK (cpu_millis >= 0),
    memory_mib        INTEGER     NOT NULL CHECK (memory_mib >= 0),
    gpus              INTEGER     NOT NULL CHECK (gpus >= 0),
    payload           JSONB       NOT NULL,
    state             TEXT        NOT NULL
                      CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'dead')),
    -- Why a queued job is not running yet: capacity, service-unavailable, retry-backoff, lease-expired.
    waiting_reason    TEXT,
    attempts          INTEGER     NOT NULL DEFAULT 0,
    max_attempts      INTEGER     NOT NULL CHECK (max_attempts >= 1),
    run_after         TIMESTAMPTZ NOT NULL,
    -- Claim order: run_after plus the priority's aging offset, so express goes first but a batch
    -- job that has waited longer than its offset overtakes newer express work.
    sort_key          TIMESTAMPTZ NOT NULL,
    lease_owner       TEXT,
    lease_expires_at  TIMESTAMPTZ,
    -- Fencing: every claim increments it; a completion must present the version it was given.
    lease_version     BIGINT      NOT NULL DEFAULT 0,
    cancel_requested  BOOLEAN     NOT NULL DEFAULT false,
    result            JSONB,
    error             TEXT,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    started_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    CONSTRAINT jobs_stage_needs_pipeline CHECK ((stage IS NULL) = (pipeline_id IS NULL))
);

CREATE INDEX jobs_ready ON jobs (sort_key) WHERE state = 'queued';
CREATE INDEX jobs_running ON jobs (lease_expires_at) WHERE state = 'running';
CREATE INDEX jobs_owner ON jobs (owner_id, created_at DESC, id DESC);
CREATE INDEX jobs_pipeline ON jobs (pipeline_id);
CREATE UNIQUE INDEX jobs_one_per_stage ON jobs (pipeline_id, stage) WHERE pipeline_id IS NOT NULL;

-- A stage's result, written once: a re-run of a stage never doubles it.
CREATE TABLE stage_results (
    pipeline_id  UUID        NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
    stage        TEXT        NOT NULL,
    job_id       UUID        NOT NULL,
    result       JSONB       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (pipeline_id, stage)
);

-- Capacity of each ML pool, kept by the resource tracker; the claim transaction locks these rows
-- so that admission holds when several schedulers race.
CREATE TABLE ml_pools (
    name        TEXT        PRIMARY KEY CHECK (name IN ('data', 'validation', 'collapse')),
    cpu_millis  INTEGER     NOT NULL CHECK (cpu_millis >= 0),
    memory_mib  INTEGER     NOT NULL CHECK (memory_mib >= 0),
    gpus        INTEGER     NOT NULL CHECK (gpus >= 0),
    source      TEXT        NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
