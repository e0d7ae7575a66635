package dev.taskstream.server.db;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides database passwords in text bound for a log line or an error message: a JDBC URL may carry
 * one ({@code ?password=}, H2's {@code ;PASSWORD=}, {@code //user:secret@host}), and a driver's
 * message may quote the URL or the {@code --db-password} value.
 */
public final class Redact {
    static final String HIDDEN = "***";
    /** Any {@code ...password=value} parameter (also sslpassword=), up to the next separator. */
    private static final Pattern PARAMETER = Pattern.compile("(?i)(password\\s*=\\s*)[^&;,\\s'\"]*");
    /** The secret in {@code scheme://user:secret@host}. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:\\s]*:)[^/@\\s]+@");

    private Redact() {
    }

    /** {@code text} with every password in URL form, and every occurrence of {@code knownPassword}, hidden. */
    public static String passwords(String text, String knownPassword) {
        if (text == null) {
            return null;
        }
        String out = text;
        if (knownPassword != null && !knownPassword.isEmpty()) {
            out = out.replace(knownPassword, HIDDEN);
        }
        out = PARAMETER.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(HIDDEN));
        return USER_INFO.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(HIDDEN) + "@");
    }

    /** A JDBC URL fit for a log line. */
    public static String url(String jdbcUrl) {
        return passwords(jdbcUrl, null);
    }
}
