-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 12+.
-- The knowledge graph of each project, and the communities found in it by the last rebuild.

-- Entities merge by (project_id, id): importing an id again updates it.
CREATE TABLE graph_entities (
    project_id  VARCHAR(64)  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    id          VARCHAR(200) NOT NULL,
    name        VARCHAR(500) NOT NULL,
    type        VARCHAR(100) NOT NULL,
    -- a JSON object as text, or NULL
    properties  VARCHAR,
    PRIMARY KEY (project_id, id)
);

-- Weighted edges, as imported (source -> target); the algorithms treat them as undirected and sum
-- parallel edges. The primary key makes a re-import of the same edge an update of its weight.
-- The importer checks that both ends are entities of the project (it needs to name the bad item,
-- and edges may come before their entities in one import), so there is no foreign key to entities.
CREATE TABLE graph_edges (
    project_id  VARCHAR(64)  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    source      VARCHAR(200) NOT NULL,
    target      VARCHAR(200) NOT NULL,
    relation    VARCHAR(100) NOT NULL,
    weight      DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (project_id, source, target, relation)
);

-- The current communities of a project. A rebuild writes the new set and deletes the old one in
-- one transaction, so readers see either the old set or the new one, never a mix or nothing.
CREATE TABLE communities (
    id            UUID         PRIMARY KEY,
    project_id    VARCHAR(64)  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    -- 0 = the largest community of the rebuild (ties: the one holding the earliest-loaded entity)
    ordinal       INT          NOT NULL,
    name          VARCHAR(500) NOT NULL,
    description   VARCHAR(2000) NOT NULL,
    member_count  INT          NOT NULL,
    -- JSON array of the names of the most central members
    top_members   VARCHAR      NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the rebuild task that wrote it
    task_id       UUID
);

CREATE INDEX communities_project_ordinal ON communities (project_id, ordinal);

-- One row per entity of the project: every entity is in exactly one community.
CREATE TABLE community_members (
    community_id  UUID         NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    -- member order inside the community: degree descending, then weight inside, then id
    ordinal       INT          NOT NULL,
    project_id    VARCHAR(64)  NOT NULL,
    entity_id     VARCHAR(200) NOT NULL,
    -- distinct neighbours of the entity in the project graph at rebuild time
    degree        INT          NOT NULL,
    PRIMARY KEY (community_id, ordinal)
);

CREATE INDEX community_members_entity ON community_members (project_id, entity_id);
