package dev.taskstream.server.graph;

/**
 * Where one import writes its validated rows, in bulk: straight into the graph tables of a project that has
 * none yet ({@link #direct}), else into session-private staging tables that are then merged into the project
 * in one set-based statement per table ({@link #staged}). Either way, one transaction: an invalid item, a
 * cancellation or a failure leaves the database as it was.
 */
interface GraphWriter extends AutoCloseable {
    /** @param seq the item's place in the import (later items of the same key win) */
    void entity(long seq, String id, String name, String type, String properties);

    void edge(long seq, String source, String target, String relation, double weight);

    /**
     * Writes what is still buffered, checks that every edge's ends are entities of the project and puts the
     * rows into the project. Throws {@link DanglingEdge} for the earliest edge whose end is unknown, and (direct
     * writers only) {@link NeedsStaging} when the input repeats a key or names an unknown end: the import then
     * runs again through staging, which merges repeats and names the bad item.
     */
    Counts finish(long entityItems, long edgeItems);

    /** Releases what a failed write holds (e.g. a COPY in progress); the transaction then rolls back. */
    @Override
    void close();

    /** Staged writes: throws {@link DanglingEdge} for the earliest staged edge with an unknown end. */
    static void checkStagedEnds(GraphDao dao, String projectId) {
        java.util.Optional<GraphDao.Dangling> source = dao.firstStagedDangling(projectId, "source");
        java.util.Optional<GraphDao.Dangling> target = dao.firstStagedDangling(projectId, "target");
        if (source.isPresent() && (target.isEmpty() || source.get().seq() <= target.get().seq())) {
            throw new DanglingEdge(source.get().seq(), "source", source.get().id());
        }
        if (target.isPresent()) {
            throw new DanglingEdge(target.get().seq(), "target", target.get().id());
        }
    }

    /** Exact outcome per table: every item was created, updated an existing row, or repeated an earlier item. */
    record Counts(long entitiesCreated, long entitiesUpdated, long edgesCreated, long edgesUpdated) {
    }

    /** A direct write met what only staging handles (a repeated key, an unknown edge end); nothing of it stays. */
    final class NeedsStaging extends RuntimeException {
        NeedsStaging(String why) {
            super(why, null, false, false);
        }
    }

    /** The earliest edge (by {@code seq}) whose {@code end} ("source" or "target") is no entity of the project. */
    final class DanglingEdge extends RuntimeException {
        final long seq;
        final String end;
        final String id;

        DanglingEdge(long seq, String end, String id) {
            super("dangling edge", null, false, false);
            this.seq = seq;
            this.end = end;
            this.id = id;
        }
    }
}
