package dev.taskstream.app.shell;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import javafx.scene.Scene;
import org.slf4j.LoggerFactory;

/**
 * Milliseconds since this process was launched, for the "first frame after N ms" log line.
 *
 * <p>Not {@code ProcessHandle.info().startInstant()}: on Linux the JDK computes it from {@code btime} in
 * {@code /proc/stat}, the boot time in whole seconds, so it is off by a constant 0-1 s that depends on the boot (it
 * overstated start-up by about 0.5 s on the machine of issue 14). The kernel gives the start precisely, relative to
 * boot: field 22 of {@code /proc/self/stat} ({@code starttime}, in clock ticks of 1/100 s, {@code USER_HZ}, which is
 * 100 on every Linux architecture the JDK runs on), and {@code /proc/uptime} (seconds since boot, 1/100 s), on the
 * same clock. Elsewhere the JVM's start time is the fallback: it misses the launcher's few milliseconds before the
 * JVM is created.
 */
public final class LaunchClock {
    private static final int USER_HZ = 100;

    private LaunchClock() {
    }

    /**
     * Logs "LABEL after N ms", N from the process's launch to the next pulse that lays out the scene: what the user
     * sees then is on the screen. The logger is looked up here, not in a static field: the first lookup configures
     * logging, and that should happen on the demo server's start thread, not before the toolkit starts.
     */
    public static void logAtNextPulse(Scene scene, String label) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            LoggerFactory.getLogger(LaunchClock.class).info("{} after {} ms", label, millisSinceLaunch());
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    /** Milliseconds from the process's launch to now. */
    public static long millisSinceLaunch() {
        OptionalLong linux = linuxMillisSinceExec();
        if (linux.isPresent()) {
            return linux.getAsLong();
        }
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    private static OptionalLong linuxMillisSinceExec() {
        try {
            Path stat = Path.of("/proc/self/stat");
            Path uptime = Path.of("/proc/uptime");
            if (!Files.isReadable(stat) || !Files.isReadable(uptime)) {
                return OptionalLong.empty();
            }
            long startTicks = startTicks(Files.readString(stat));
            double upSeconds = Double.parseDouble(Files.readString(uptime).trim().split("\\s+")[0]);
            return OptionalLong.of(Math.round(upSeconds * 1000) - startTicks * 1000 / USER_HZ);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Field 22 ({@code starttime}) of a {@code /proc/PID/stat} line. Field 2, the command name in parentheses, may
     * itself hold spaces and parentheses, so the fields are counted from the last ')'.
     */
    static long startTicks(String statLine) {
        String[] afterName = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(afterName[22 - 3]);
    }
}
