package dev.taskstream.bench.cli;

import dev.taskstream.server.Version;
import dev.taskstream.server.db.Redact;
import picocli.CommandLine;

/**
 * Entry point of the bench jar ({@code java -jar bench/target/taskstream-bench.jar latency|fanout|...}): the
 * benchmarks live in their own module so that the server jar, the app and the installer image carry none of them.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests to run benchmarks in-process). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setExecutionExceptionHandler(new FriendlyErrors());
        return cl;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"taskstream-bench " + Version.current()};
        }
    }

    /**
     * One line a person can act on instead of a stack trace, exit code 1, as the server's command line does;
     * a driver's message may quote the database URL or password, so they are hidden.
     */
    static final class FriendlyErrors implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
            CommandLine.Model.OptionSpec password = cl.getCommandSpec().findOption("--db-password");
            String known = password == null ? null : password.getValue();
            cl.getErr().println("error: " + Redact.passwords(describe(e), known));
            return 1;
        }

        private static String describe(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
            return e == root || e.getMessage() == null ? message : e.getMessage() + ": " + message;
        }
    }
}
