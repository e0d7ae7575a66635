-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 12+.
-- Bodies of graph imports (POST /projects/{id}/graph) on their way to their import_graph task. They live in the
-- database so that whichever process claims the task can read them, also when the receiving process is API-only
-- or has died after its 202. A body arrives and leaves in chunks of about 1 MiB (never whole in memory); an
-- upload is removed when its task ends, and any node sweeps the uploads of ended tasks and abandoned uploads.
CREATE TABLE import_uploads (
    id          UUID         PRIMARY KEY,
    project_id  VARCHAR(64)  NOT NULL,
    -- the import_graph task that reads it; NULL while the body arrives
    task_id     UUID,
    bytes       BIGINT       NOT NULL,
    -- when the last chunk was written: an upload without a task that stopped growing long ago was abandoned
    written_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX import_uploads_task ON import_uploads (task_id);

CREATE TABLE import_upload_chunks (
    upload_id   UUID         NOT NULL REFERENCES import_uploads (id) ON DELETE CASCADE,
    seq         INT          NOT NULL,
    -- BYTEA on Postgres, BLOB on H2 (which keeps large binary values inline in its pages, in memory, otherwise)
    data        ${binary}    NOT NULL,
    PRIMARY KEY (upload_id, seq)
);
