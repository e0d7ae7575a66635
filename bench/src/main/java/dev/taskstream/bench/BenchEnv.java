package dev.taskstream.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The header of every benchmark's output: what ran, where, on what, with which parameters. */
final class BenchEnv {
    private BenchEnv() {
    }

    static void header(PrintWriter out, String bench, String database, String parameters) {
        Runtime rt = Runtime.getRuntime();
        out.println("# taskstream bench " + bench + " - " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        out.println("# JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")
                + " (" + System.getProperty("java.vm.vendor") + "), " + rt.availableProcessors() + " cores, max heap "
                + mib(rt.maxMemory()) + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        out.println("# database: " + database);
        out.println("# parameters: " + parameters);
        out.println("# load average at start: " + loadAverage());
        out.flush();
    }

    static String mib(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%d MiB", bytes >> 20);
    }

    /** 1, 5 and 15 minute load averages (from /proc/loadavg where there is one). */
    static String loadAverage() {
        try {
            Path p = Path.of("/proc/loadavg");
            if (Files.isReadable(p)) {
                String[] f = Files.readString(p).trim().split("\\s+");
                return f[0] + " " + f[1] + " " + f[2];
            }
        } catch (Exception e) {
            // fall through
        }
        double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return one < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", one);
    }

    /** Open-file limit of this process, or -1 when the platform does not say. */
    static long maxFileDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u) {
            return u.getMaxFileDescriptorCount();
        }
        return -1;
    }
}
