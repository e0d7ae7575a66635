package dev.taskstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.stream.Stream;

/**
 * CPU time (user + system) of processes, from {@code /proc/PID/stat} on Linux; -1 where there is none. CPU per
 * task stays comparable on a busy machine where tasks/s does not: a run that waits for the CPU takes longer but
 * uses about the same CPU. Ticks are taken as 10 ms (USER_HZ 100, the value of every common Linux build).
 */
final class ProcessCpu {
    private static final long MILLIS_PER_TICK = 10;

    private ProcessCpu() {
    }

    /** The processes' CPU so far, in milliseconds; -1 when one of them cannot be read. */
    static long millis(Collection<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            long ms = millis(Path.of("/proc", Long.toString(pid), "stat"), null);
            if (ms < 0) {
                return -1;
            }
            total += ms;
        }
        return total;
    }

    /**
     * Every Postgres process on this machine (postmaster, backends, WAL writer, ...), in milliseconds; -1 when
     * there is no {@code /proc}. Backends that exit between two readings take their CPU with them: the bench's
     * pools keep theirs open.
     */
    static long postgresMillis() {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return -1;
        }
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToLong(p -> Math.max(0, millis(p.resolve("stat"), "postgres"))).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    /** utime + stime of one stat file, if its command is {@code comm} (any when null); -1 when unreadable. */
    private static long millis(Path stat, String comm) {
        try {
            String s = Files.readString(stat);
            int open = s.indexOf('(');
            int close = s.lastIndexOf(')');
            if (comm != null && !s.substring(open + 1, close).equals(comm)) {
                return 0;
            }
            String[] f = s.substring(close + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * MILLIS_PER_TICK; // fields 14 and 15 of stat
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
