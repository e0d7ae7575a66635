-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 12+.

CREATE TABLE projects (
    id          VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE tasks (
    id                UUID         PRIMARY KEY,
    name              VARCHAR(100) NOT NULL,
    project_id        VARCHAR(64),
    status            VARCHAR(20)  NOT NULL,
    progress          INT          NOT NULL,
    message           VARCHAR(2000),
    params            VARCHAR,
    result            VARCHAR,
    error             VARCHAR,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE,
    completed_at      TIMESTAMP WITH TIME ZONE,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    worker_id         VARCHAR(200),
    attempt           INT          NOT NULL,
    retry_of          UUID,
    lease_until       TIMESTAMP WITH TIME ZONE,
    cancel_requested  BOOLEAN      NOT NULL,
    -- seq of the newest event in task_events; the next event gets last_seq + 1
    last_seq          BIGINT       NOT NULL,
    -- set while the task is active (pending/processing) to enforce "one at a time" per key,
    -- NULL once terminal; NULLs do not collide in a UNIQUE constraint on either database
    exclusive_key     VARCHAR(200),
    CONSTRAINT tasks_exclusive_key UNIQUE (exclusive_key)
);

CREATE INDEX tasks_status_created ON tasks (status, created_at);
CREATE INDEX tasks_created ON tasks (created_at);
CREATE INDEX tasks_project_created ON tasks (project_id, created_at);

-- The per-task event log: every state change a stream client may need to replay.
CREATE TABLE task_events (
    task_id     UUID        NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    seq         BIGINT      NOT NULL,
    event       VARCHAR(20) NOT NULL,
    payload     VARCHAR     NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (task_id, seq)
);
