package dev.taskstream.server.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * The server's log lines while a test runs (the in-process server logs through this JVM's Logback): for asserting
 * that client input never yields an ERROR, nor a WARN with a stack trace, and that a client's mistake is one INFO
 * line. Loggers named in {@link #start} log at INFO while capturing (the tests' configuration logs WARN and up).
 */
public final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<Logger> raised;
    private final List<Level> levelsBefore;

    private LogCapture(List<Logger> raised) {
        this.raised = raised;
        this.levelsBefore = raised.stream().map(Logger::getLevel).toList();
        raised.forEach(l -> l.setLevel(Level.INFO));
        appender.start();
        root.addAppender(appender);
    }

    /** Starts capturing; {@code infoLoggers}: classes whose INFO lines the test wants to see. */
    public static LogCapture start(Class<?>... infoLoggers) {
        return new LogCapture(java.util.Arrays.stream(infoLoggers)
                .map(c -> (Logger) LoggerFactory.getLogger(c)).toList());
    }

    /** Every line so far. */
    public List<ILoggingEvent> events() {
        synchronized (appender) { // the appender appends under its own lock
            return List.copyOf(appender.list);
        }
    }

    /** ERROR lines, and WARN lines with a throwable (a stack trace), each as the text a log reader sees. */
    public List<String> errorsAndWarningsWithTraces() {
        return events().stream()
                .filter(e -> e.getLevel() == Level.ERROR || e.getLevel() == Level.WARN && e.getThrowableProxy() != null)
                .map(LogCapture::describe)
                .toList();
    }

    /** Lines at WARN or above. */
    public List<String> warningsAndErrors() {
        return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).map(LogCapture::describe)
                .toList();
    }

    /** Lines whose text contains {@code text}, as "LEVEL message". */
    public List<String> linesContaining(String text) {
        return events().stream().filter(e -> e.getFormattedMessage().contains(text)).map(LogCapture::describe)
                .toList();
    }

    public static String describe(ILoggingEvent e) {
        IThrowableProxy t = e.getThrowableProxy();
        return e.getLevel() + " " + e.getLoggerName() + " - " + e.getFormattedMessage()
                + (t == null ? "" : " | " + t.getClassName() + ": " + t.getMessage() + " (" + t.getStackTraceElementProxyArray().length
                        + " frames)");
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        for (int i = 0; i < raised.size(); i++) {
            raised.get(i).setLevel(levelsBefore.get(i));
        }
    }

    @Override
    public String toString() {
        return events().stream().map(LogCapture::describe).filter(Objects::nonNull).collect(Collectors.joining("\n"));
    }
}
