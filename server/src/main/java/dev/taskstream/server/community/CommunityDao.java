package dev.taskstream.server.community;

import dev.taskstream.shared.api.MemberView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.core.result.ResultIterable;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.BatchChunkSize;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the {@code communities} and {@code community_members} tables (portable: the same on H2 and Postgres). */
public interface CommunityDao {

    /** A community row; {@code topMembers} is a JSON array of names, {@code taskId} the rebuild that wrote it. */
    record CommunityRow(UUID id, String projectId, int ordinal, String name, String description, int memberCount,
            String topMembers, Instant createdAt, UUID taskId) {
    }

    /** A community of a listing page, with the number of rows of the whole listing. */
    record ListedCommunity(UUID id, String name, String description, int memberCount, String topMembers,
            Instant createdAt, long total) {
    }

    /** One membership: the {@code ordinal}-th member of a community. */
    record MemberRow(UUID communityId, int ordinal, String projectId, String entityId, int degree) {
    }

    /** Locks the project's row: serializes swaps of one project (e.g. a rebuild whose lease expired and its successor). */
    @SqlQuery("SELECT id FROM projects WHERE id = :projectId FOR UPDATE")
    Optional<String> lockProject(String projectId);

    @SqlBatch("INSERT INTO communities (id, project_id, ordinal, name, description, member_count, top_members,"
            + " created_at, task_id) VALUES (:id, :projectId, :ordinal, :name, :description, :memberCount, :topMembers,"
            + " :createdAt, :taskId)")
    @BatchChunkSize(CommunityStore.BATCH_SIZE)
    void insertCommunities(@BindMethods List<CommunityRow> rows);

    @SqlBatch("INSERT INTO community_members (community_id, ordinal, project_id, entity_id, degree)"
            + " VALUES (:communityId, :ordinal, :projectId, :entityId, :degree)")
    void insertMembers(@BindMethods List<MemberRow> rows);

    @SqlUpdate("UPDATE communities SET member_count = (SELECT COUNT(*) FROM community_members m"
            + " WHERE m.community_id = communities.id) WHERE task_id = :taskId")
    void countMembers(UUID taskId);

    /** The swap's second half: every community of the project that the rebuild {@code taskId} did not write. */
    @SqlUpdate("DELETE FROM communities WHERE project_id = :projectId AND (task_id IS NULL OR task_id <> :taskId)")
    void deleteAllBut(String projectId, UUID taskId);

    /** One page, largest first; the window count comes from the same snapshot as the rows. */
    @SqlQuery("SELECT id, name, description, member_count, top_members, created_at, COUNT(*) OVER () AS total"
            + " FROM communities WHERE project_id = :projectId AND member_count >= :minMembers"
            + " ORDER BY ordinal LIMIT :limit OFFSET :offset")
    @RegisterConstructorMapper(ListedCommunity.class)
    List<ListedCommunity> page(String projectId, int minMembers, int limit, int offset);

    @SqlQuery("SELECT COUNT(*) FROM communities WHERE project_id = :projectId AND member_count >= :minMembers")
    long count(String projectId, int minMembers);

    @SqlQuery("SELECT * FROM communities WHERE id = :id")
    @RegisterConstructorMapper(CommunityRow.class)
    Optional<CommunityRow> find(UUID id);

    /** A member with its position in the community (0 = first), the keyset of member paging. */
    record OrdinalMember(int ordinal, String entityId, String name, String type, int degree) {
        MemberView view() {
            return new MemberView(entityId, name, type, degree);
        }
    }

    /** One membership of the whole-partition export. */
    record Membership(String entityId, UUID communityId) {
    }

    /**
     * Up to {@code limit} members after position {@code after} (-1: from the first), in member order;
     * an entity gone since the rebuild shows its id as name. Keyset paging on the primary key
     * (community_id, ordinal): the 200th page reads as few rows as the first, unlike OFFSET.
     */
    @SqlQuery("SELECT m.ordinal, m.entity_id, COALESCE(e.name, m.entity_id) AS name, e.type, m.degree"
            + " FROM community_members m LEFT JOIN graph_entities e ON e.project_id = m.project_id AND e.id = m.entity_id"
            + " WHERE m.community_id = :id AND m.ordinal > :after ORDER BY m.ordinal LIMIT :limit")
    @RegisterConstructorMapper(OrdinalMember.class)
    List<OrdinalMember> membersAfter(UUID id, int after, int limit);

    /**
     * Every membership of the project in one statement (one snapshot: a rebuild's swap is one
     * commit), communities largest first and members in member order. Fetched in chunks so that
     * the rows stream (Postgres uses a cursor for it inside a transaction).
     */
    @SqlQuery("SELECT m.entity_id, m.community_id FROM community_members m JOIN communities c ON c.id = m.community_id"
            + " WHERE c.project_id = :projectId ORDER BY c.ordinal, m.ordinal")
    @FetchSize(MembershipExport.FETCH_SIZE)
    @RegisterConstructorMapper(Membership.class)
    ResultIterable<Membership> memberships(String projectId);
}
