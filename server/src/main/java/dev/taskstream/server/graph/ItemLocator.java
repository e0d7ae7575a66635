package dev.taskstream.server.graph;

import java.io.IOException;
import java.util.Optional;

/**
 * Names an import's item by its {@code seq} (its place among the items, as {@link ImportItems} numbers them) by
 * reading the input again: how the input names it ({@code line 7}, {@code edges[3]}) is only kept for the one
 * item an error is about, so that an import keeps nothing per item.
 */
final class ItemLocator implements GraphSink {
    private final long wanted;
    private long seq;

    private ItemLocator(long wanted) {
        this.wanted = wanted;
    }

    /** The item's name, or empty when the source cannot be read again (e.g. standard input). */
    static Optional<String> find(GraphImporter.GraphSource source, long seq) throws IOException {
        try {
            source.emit(new ItemLocator(seq));
        } catch (Found found) {
            return Optional.of(found.where);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    @Override
    public void entity(String where, String id, String name, String type, String propertiesJson) {
        next(where);
    }

    @Override
    public void edge(String where, String source, String target, String relation, Double weight) {
        next(where);
    }

    private void next(String where) {
        if (++seq == wanted) {
            throw new Found(where);
        }
    }

    private static final class Found extends RuntimeException {
        final String where;

        Found(String where) {
            super(where, null, false, false);
            this.where = where;
        }
    }
}
