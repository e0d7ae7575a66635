package dev.taskstream.server.graph;

import java.util.Locale;

/**
 * An import's progress as people see it, for the task and the {@code import} command alike: 0–80 % the
 * share of the input's bytes parsed ("Imported 412,000 edges..."), then 80 % "Merging ..." while one
 * set-based statement per table writes the graph (it reports nothing while it runs).
 */
public final class ImportProgress implements GraphImporter.ImportMonitor {
    public static final int MERGE_PERCENT = 80;

    private final long totalBytes;
    private final Reporter reporter;
    /** The bar never goes back, also when an import reads its input a second time (see GraphImporter). */
    private int highest;

    public ImportProgress(long totalBytes, Reporter reporter) {
        this.totalBytes = totalBytes;
        this.reporter = reporter;
    }

    /** Where the steps go (a task's progress, a terminal's bar); may throw to stop the import. */
    @FunctionalInterface
    public interface Reporter {
        void report(int percent, String message);
    }

    @Override
    public void parsed(long entities, long edges, long bytes) {
        int percent = totalBytes <= 0 ? 0 : (int) Math.min(MERGE_PERCENT - 1, bytes * MERGE_PERCENT / totalBytes);
        highest = Math.max(highest, percent);
        reporter.report(highest, edges > 0 ? String.format(Locale.ROOT, "Imported %,d edges...", edges)
                : String.format(Locale.ROOT, "Imported %,d entities...", entities));
    }

    @Override
    public void merging(long entities, long edges) {
        highest = MERGE_PERCENT;
        reporter.report(MERGE_PERCENT, String.format(Locale.ROOT,
                "Merging %,d entities and %,d edges into the project...", entities, edges));
    }
}
