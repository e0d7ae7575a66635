package dev.taskstream.app.fx;

import dev.taskstream.shared.client.SseClient;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** How numbers, times and failures read in the UI. */
public final class Formats {
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofLocalizedTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter SHORT_TIME =
            DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter SHORT_DATE =
            DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT).withZone(ZoneId.systemDefault());

    private Formats() {
    }

    /** {@code 0:07}, {@code 12:31}, {@code 1:02:03}. */
    public static String elapsed(Duration d) {
        if (d == null) {
            return "–";
        }
        long s = Math.max(0, d.toSeconds());
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }

    /** {@code 850 ms}, {@code 2.4 s}, {@code 3 min 5 s}. */
    public static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long s = millis / 1000;
        return (s / 60) + " min " + (s % 60) + " s";
    }

    /** {@code 512 B}, {@code 3.4 KB}, {@code 12.0 MB} (powers of 1024). */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    public static String count(long n) {
        return NumberFormat.getIntegerInstance(Locale.getDefault()).format(n);
    }

    public static String dateTime(Instant t) {
        return t == null ? "" : DATE_TIME.format(t);
    }

    /** For narrow columns: the time for today, else the date ({@link #dateTime} has both). */
    public static String compactDateTime(Instant t) {
        if (t == null) {
            return "";
        }
        ZoneId zone = ZoneId.systemDefault();
        boolean today = t.atZone(zone).toLocalDate().equals(java.time.LocalDate.now(zone));
        return today ? SHORT_TIME.format(t) : SHORT_DATE.format(t);
    }

    public static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    /** A short description of a connection failure (the JDK's exceptions often have no message). */
    public static String failure(Throwable t) {
        return SseClient.describe(t);
    }
}
