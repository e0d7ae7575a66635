package dev.taskstream.server.community;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.taskstream.server.db.Database;
import dev.taskstream.shared.api.CommunityDetail;
import dev.taskstream.shared.api.CommunityView;
import dev.taskstream.shared.api.MemberView;
import dev.taskstream.shared.api.Page;
import dev.taskstream.shared.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The communities of each project: written by a rebuild in one swap, read by the community endpoints. */
public final class CommunityStore {
    static final int BATCH_SIZE = 2_000;
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Jdbi jdbi;
    private final Clock clock;

    public CommunityStore(Database db, Clock clock) {
        this.jdbi = db.jdbi();
        this.clock = clock;
    }

    /** Calls made while the swap transaction is open; each may throw to roll it back (cancellation). */
    public interface SwapProgress {
        /** Before the communities and memberships are written. */
        void saving();

        /** Between two batches of memberships. */
        void batchWritten();

        /** Before the member counts are computed from the saved rows. */
        void counting();
    }

    /**
     * Replaces the project's communities with the planned ones in ONE transaction: readers see the
     * old set until the commit and the new set after it, never a mix or an empty set in between.
     *
     * @return the number of membership rows written
     */
    public long replace(String projectId, UUID taskId, CommunityPlan plan, SwapProgress progress) {
        OffsetDateTime now = clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        // A handle of its own, not jdbi.inTransaction: Jdbi would hand this thread's open transaction to
        // nested calls, and the progress steps reported from inside must commit on their own at once.
        try (Handle h = jdbi.open()) {
            h.begin();
            try {
                long rows = replace(h.getConnection(), projectId, taskId, plan, progress, now);
                h.commit();
                return rows;
            } catch (SQLException e) {
                h.rollback();
                throw new IllegalStateException("saving communities failed: " + e.getMessage(), e);
            } catch (RuntimeException | Error e) {
                h.rollback();
                throw e;
            }
        }
    }

    private long replace(Connection c, String projectId, UUID taskId, CommunityPlan plan, SwapProgress progress,
            OffsetDateTime now) throws SQLException {
        {
            // Serializes swaps of one project (e.g. a rebuild whose lease expired and its successor).
            try (PreparedStatement st = c.prepareStatement("SELECT id FROM projects WHERE id = ? FOR UPDATE")) {
                st.setString(1, projectId);
                st.executeQuery().close();
            }
            progress.saving();
            List<CommunityPlan.Planned> communities = plan.communities();
            UUID[] ids = new UUID[communities.size()];
            try (PreparedStatement st = c.prepareStatement("INSERT INTO communities (id, project_id, ordinal, name,"
                    + " description, member_count, top_members, created_at, task_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int batch = 0;
                for (CommunityPlan.Planned p : communities) {
                    UUID id = UUID.randomUUID();
                    ids[p.ordinal()] = id;
                    st.setObject(1, id);
                    st.setString(2, projectId);
                    st.setInt(3, p.ordinal());
                    st.setString(4, p.name());
                    st.setString(5, p.description());
                    st.setInt(6, p.members().length);
                    st.setString(7, json(p.topMembers()));
                    st.setObject(8, now);
                    st.setObject(9, taskId);
                    st.addBatch();
                    if (++batch == BATCH_SIZE) {
                        st.executeBatch();
                        batch = 0;
                    }
                }
                st.executeBatch();
            }
            long rows = 0;
            try (PreparedStatement st = c.prepareStatement("INSERT INTO community_members (community_id, ordinal,"
                    + " project_id, entity_id, degree) VALUES (?, ?, ?, ?, ?)")) {
                int batch = 0;
                for (CommunityPlan.Planned p : communities) {
                    int[] members = p.members();
                    for (int i = 0; i < members.length; i++) {
                        st.setObject(1, ids[p.ordinal()]);
                        st.setInt(2, i);
                        st.setString(3, projectId);
                        st.setString(4, plan.graph().id(members[i]));
                        st.setInt(5, plan.degree(members[i]));
                        st.addBatch();
                        rows++;
                        if (++batch == BATCH_SIZE) {
                            st.executeBatch();
                            batch = 0;
                            progress.batchWritten();
                        }
                    }
                }
                st.executeBatch();
            }
            progress.counting();
            try (PreparedStatement st = c.prepareStatement("UPDATE communities SET member_count = (SELECT COUNT(*)"
                    + " FROM community_members m WHERE m.community_id = communities.id) WHERE task_id = ?")) {
                st.setObject(1, taskId);
                st.executeUpdate();
            }
            // The swap: the old set goes in the same commit that makes the new one visible.
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM communities WHERE project_id = ? AND (task_id IS NULL OR task_id <> ?)")) {
                st.setString(1, projectId);
                st.setObject(2, taskId);
                st.executeUpdate();
            }
            return rows;
        }
    }

    /** Communities of a project, largest first, with at least {@code minMembers} members. */
    public Page<CommunityView> list(String projectId, int limit, int offset, int minMembers) {
        return jdbi.withHandle(h -> {
            // The window count comes from the same snapshot as the rows: a page never mixes two rebuilds.
            List<CommunityView> items = new ArrayList<>();
            long[] total = {-1};
            h.createQuery("SELECT id, name, description, member_count, top_members, created_at,"
                            + " COUNT(*) OVER () AS total FROM communities"
                            + " WHERE project_id = :p AND member_count >= :min ORDER BY ordinal LIMIT :limit OFFSET :offset")
                    .bind("p", projectId).bind("min", minMembers).bind("limit", limit).bind("offset", offset)
                    .map((rs, ctx) -> {
                        total[0] = rs.getLong("total");
                        return view(rs);
                    }).forEach(items::add);
            if (total[0] < 0) {
                total[0] = h.createQuery("SELECT COUNT(*) FROM communities WHERE project_id = :p AND member_count >= :min")
                        .bind("p", projectId).bind("min", minMembers).mapTo(Long.class).one();
            }
            return new Page<>(items, total[0], limit, offset);
        });
    }

    /** A community with one page of its members (degree descending). */
    public Optional<CommunityDetail> detail(UUID id, int limit, int offset) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM communities WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> {
                    CommunityView v = view(rs);
                    return new Object[] {v, rs.getString("project_id")};
                }).findOne().map(row -> {
                    CommunityView v = (CommunityView) row[0];
                    List<MemberView> members = h.createQuery("SELECT m.entity_id, e.name, e.type, m.degree"
                                    + " FROM community_members m LEFT JOIN graph_entities e"
                                    + " ON e.project_id = m.project_id AND e.id = m.entity_id"
                                    + " WHERE m.community_id = :id ORDER BY m.ordinal LIMIT :limit OFFSET :offset")
                            .bind("id", id).bind("limit", limit).bind("offset", offset)
                            .map((rs, ctx) -> new MemberView(rs.getString(1),
                                    rs.getString(2) != null ? rs.getString(2) : rs.getString(1),
                                    rs.getString(3), rs.getInt(4)))
                            .list();
                    return new CommunityDetail(v.id(), (String) row[1], v.name(), v.description(), v.memberCount(),
                            v.topMembers(), v.createdAt(), new Page<>(members, v.memberCount(), limit, offset));
                }));
    }

    private static CommunityView view(ResultSet rs) throws SQLException {
        Instant created = rs.getObject("created_at", OffsetDateTime.class).toInstant();
        return new CommunityView(rs.getObject("id", UUID.class).toString(), rs.getString("name"),
                rs.getString("description"), rs.getInt("member_count"), parse(rs.getString("top_members")), created);
    }

    private static String json(List<String> values) {
        try {
            return Json.mapper().writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> parse(String json) {
        try {
            return Json.mapper().readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
