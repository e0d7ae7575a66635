package dev.taskstream.server.community;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.taskstream.server.db.Database;
import dev.taskstream.server.db.Dialect;
import dev.taskstream.shared.api.CommunityDetail;
import dev.taskstream.shared.api.CommunityMap;
import dev.taskstream.shared.api.CommunityView;
import dev.taskstream.shared.api.MemberView;
import dev.taskstream.shared.api.Page;
import dev.taskstream.shared.json.Json;
import java.time.Clock;
import java.time.Instant;
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
    private final Dialect dialect;
    private final CommunityDao dao;
    private final CommunityMapDao mapDao;
    private final Clock clock;

    public CommunityStore(Database db, Clock clock) {
        this.jdbi = db.jdbi();
        this.dialect = db.dialect();
        this.dao = jdbi.onDemand(CommunityDao.class);
        this.mapDao = jdbi.onDemand(CommunityMapDao.class);
        this.clock = clock;
    }

    /** Calls made while the swap transaction is open; each may throw to roll it back (cancellation). */
    public interface SwapProgress {
        /** Before the communities and memberships are written. */
        void saving();

        /** After every {@code every} memberships handed to the writer, {@code written} of {@code total}. */
        void membersWritten(long written, long total);

        /** Before the member counts are computed from the saved rows. */
        void counting();
    }

    /**
     * Replaces the project's communities with the planned ones in ONE transaction: readers see the
     * old set until the commit and the new set after it, never a mix or an empty set in between.
     *
     * Memberships go in bulk ({@link MembershipWriter}: COPY on Postgres, batches on H2).
     *
     * @return the number of membership rows written
     */
    public long replace(String projectId, UUID taskId, CommunityPlan plan, int every, SwapProgress progress) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // A handle of its own, not jdbi.inTransaction: Jdbi would hand this thread's open transaction to
        // nested calls, and the progress steps reported from inside must commit on their own at once.
        try (Handle h = jdbi.open()) {
            h.begin();
            try {
                long rows = replace(h, projectId, taskId, plan, every, progress, now);
                h.commit();
                return rows;
            } catch (RuntimeException | Error e) {
                h.rollback();
                throw e;
            }
        }
    }

    private long replace(Handle h, String projectId, UUID taskId, CommunityPlan plan, int every,
            SwapProgress progress, Instant now) {
        CommunityDao swap = h.attach(CommunityDao.class);
        swap.lockProject(projectId);
        progress.saving();
        List<CommunityPlan.Planned> communities = plan.communities();
        UUID[] ids = new UUID[communities.size()];
        List<CommunityDao.CommunityRow> rows = new ArrayList<>(communities.size());
        long total = 0;
        for (CommunityPlan.Planned p : communities) {
            ids[p.ordinal()] = UUID.randomUUID();
            rows.add(new CommunityDao.CommunityRow(ids[p.ordinal()], projectId, p.ordinal(), p.name(), p.description(),
                    p.members().length, json(p.topMembers()), now, taskId));
            total += p.members().length;
        }
        swap.insertCommunities(rows);
        long written = 0;
        try (MembershipWriter members = MembershipWriter.open(h, dialect)) {
            for (CommunityPlan.Planned p : communities) {
                int[] nodes = p.members();
                for (int i = 0; i < nodes.length; i++) {
                    members.add(ids[p.ordinal()], i, projectId, plan.graph().id(nodes[i]), plan.degree(nodes[i]));
                    if (++written % every == 0 && written < total) {
                        progress.membersWritten(written, total);
                    }
                }
            }
            members.finish();
        }
        progress.counting();
        swap.countMembers(taskId);
        // The swap: the old set goes in the same commit that makes the new one visible.
        swap.deleteAllBut(projectId, taskId);
        return written;
    }

    /** Communities of a project, largest first, with at least {@code minMembers} members. */
    public Page<CommunityView> list(String projectId, int limit, int offset, int minMembers) {
        return jdbi.withHandle(h -> {
            CommunityDao read = h.attach(CommunityDao.class);
            List<CommunityDao.ListedCommunity> rows = read.page(projectId, minMembers, limit, offset);
            // The window count comes from the same snapshot as the rows: a page never mixes two rebuilds.
            long total = rows.isEmpty() ? read.count(projectId, minMembers) : rows.getFirst().total();
            List<CommunityView> items = rows.stream().map(r -> new CommunityView(r.id().toString(), r.name(),
                    r.description(), r.memberCount(), parse(r.topMembers()), r.createdAt())).toList();
            return new Page<>(items, total, limit, offset);
        });
    }

    /**
     * A community with one page of its members (degree descending). The page is read by position
     * ({@code ordinal >= offset}; a rebuild numbers the members 0..n-1), so a deep page costs what
     * the first does.
     */
    public Optional<CommunityDetail> detail(UUID id, int limit, int offset) {
        return jdbi.withHandle(h -> {
            CommunityDao read = h.attach(CommunityDao.class);
            return read.find(id).map(c -> {
                List<MemberView> members = read.membersAfter(id, offset - 1, limit).stream()
                        .map(CommunityDao.OrdinalMember::view).toList();
                return new CommunityDetail(c.id().toString(), c.projectId(), c.name(), c.description(),
                        c.memberCount(), parse(c.topMembers()), c.createdAt(),
                        new Page<>(members, c.memberCount(), limit, offset));
            });
        });
    }

    /**
     * Up to {@code limit} members of a community after position {@code after} (-1: from the first),
     * with the cursor of the next page; empty if there is no such community.
     */
    public Optional<MemberPage> members(UUID id, int limit, int after) {
        return jdbi.withHandle(h -> {
            CommunityDao read = h.attach(CommunityDao.class);
            return read.find(id).map(c -> {
                // One row more than asked: tells whether a next page exists without a count.
                List<CommunityDao.OrdinalMember> rows = read.membersAfter(id, after, limit + 1);
                boolean more = rows.size() > limit;
                List<CommunityDao.OrdinalMember> page = more ? rows.subList(0, limit) : rows;
                Integer next = more ? page.getLast().ordinal() : null;
                return new MemberPage(page.stream().map(CommunityDao.OrdinalMember::view).toList(), c.memberCount(),
                        limit, after < 0 ? null : after, next);
            });
        });
    }

    /**
     * Streams every membership of the project to {@code sink}, from one snapshot, in constant
     * memory (rows are fetched in chunks inside one read transaction).
     */
    public void memberships(String projectId, java.util.function.Consumer<CommunityDao.Membership> sink) {
        try (Handle h = jdbi.open()) {
            h.begin(); // Postgres only streams a result set (cursor) inside a transaction
            try {
                h.attach(CommunityDao.class).memberships(projectId).forEach(sink);
            } finally {
                h.rollback(); // read only: nothing to commit
            }
        }
    }

    /** The largest {@code limit} communities of a project and the links between them, read from one snapshot. */
    public CommunityMap map(String projectId, int limit) {
        return mapDao.map(projectId, limit);
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
