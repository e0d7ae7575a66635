package dev.taskstream.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one run's watchers received of the measured events: each delivery's latency, the time until
 * every stream had each event, and deliveries per second. Computed the same way for Taskstream and
 * for the {@link BaselineBroadcaster}, so their figures can stand side by side.
 */
final class Deliveries {
    /** The commit time ({@code System.nanoTime()}) of one seq. */
    @FunctionalInterface
    interface CommitTime {
        long nanos(long seq) throws Exception;
    }

    final Latencies perDelivery = new Latencies();
    final Latencies allServed = new Latencies();
    /** Events each watcher received of the measured ones. */
    final List<Integer> seenPerWatcher = new ArrayList<>();
    long missing;
    long events;
    /** Deliveries / (first commit → last arrival). */
    double perSecond;
    /**
     * Events / (first commit → last commit): the pace the source set. With a paced task this bounds
     * {@link #perSecond} (at most watchers × this), whatever the fan-out does.
     */
    double committedPerSecond;
    /** The 1-minute load average when the run ended. */
    String load;

    /** Events {@code afterSeq + 1 .. lastSeq}, at every watcher. */
    static Deliveries of(Watchers watchers, long afterSeq, long lastSeq, CommitTime commit) throws Exception {
        Deliveries d = new Deliveries();
        d.events = lastSeq - afterSeq;
        long firstCommit = Long.MAX_VALUE;
        long lastCommit = Long.MIN_VALUE;
        long lastArrival = Long.MIN_VALUE;
        int[] seen = new int[watchers.list().size()];
        for (long seq = afterSeq + 1; seq <= lastSeq; seq++) {
            long committed = commit.nanos(seq);
            firstCommit = Math.min(firstCommit, committed);
            lastCommit = Math.max(lastCommit, committed);
            long latest = Long.MIN_VALUE;
            for (int i = 0; i < seen.length; i++) {
                long a = watchers.list().get(i).arrival(seq);
                if (a == 0) {
                    d.missing++;
                    continue;
                }
                seen[i]++;
                d.perDelivery.recordNanos(a - committed);
                latest = Math.max(latest, a);
            }
            if (latest != Long.MIN_VALUE) {
                d.allServed.recordNanos(latest - committed);
                lastArrival = Math.max(lastArrival, latest);
            }
        }
        for (int s : seen) {
            d.seenPerWatcher.add(s);
        }
        d.load = BenchEnv.loadAverage().split(" ")[0];
        d.perSecond = lastArrival > firstCommit ? d.perDelivery.count() / ((lastArrival - firstCommit) / 1e9) : 0;
        d.committedPerSecond = lastCommit > firstCommit ? (d.events - 1) / ((lastCommit - firstCommit) / 1e9) : 0;
        return d;
    }

    /** Taskstream beside the baseline, with the ratios the targets are stated in. */
    static void printComparison(PrintWriter out, String what, Deliveries taskstream, Deliveries baseline) {
        Table t = new Table(what, "deliveries/s", "delivery p50 ms", "p99 ms", "all served p99 ms", "missing",
                "events/s committed", "load");
        t.row("Taskstream", fmt("%.0f", taskstream.perSecond), taskstream.perDelivery.p50(),
                taskstream.perDelivery.p99(), taskstream.allServed.p99(), taskstream.missing,
                fmt("%.1f", taskstream.committedPerSecond), taskstream.load);
        t.row("baseline (bare NIO)", fmt("%.0f", baseline.perSecond), baseline.perDelivery.p50(),
                baseline.perDelivery.p99(), baseline.allServed.p99(), baseline.missing,
                fmt("%.1f", baseline.committedPerSecond), baseline.load);
        t.row("Taskstream / baseline", fmt("%.2f", taskstream.perSecond / baseline.perSecond),
                fmt("%.2f", taskstream.perDelivery.p50() / baseline.perDelivery.p50()),
                fmt("%.2f", taskstream.perDelivery.p99() / baseline.perDelivery.p99()),
                fmt("%.2f", taskstream.allServed.p99() / baseline.allServed.p99()), "",
                fmt("%.2f", taskstream.committedPerSecond / baseline.committedPerSecond), "");
        t.print(out);
    }

    private static String fmt(String f, double v) {
        return String.format(Locale.ROOT, f, v);
    }
}
