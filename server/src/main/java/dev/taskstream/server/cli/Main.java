package dev.taskstream.server.cli;

import dev.taskstream.server.Version;
import dev.taskstream.server.db.Redact;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the server jar: {@code serve}, {@code watch}, {@code import} (the benchmarks are the bench module's own jar). */
@Command(name = "taskstream-server", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Taskstream: live progress of knowledge-graph maintenance tasks over SSE.",
        subcommands = {ServeCommand.class, WatchCommand.class, ImportCommand.class,
                CommandLine.HelpCommand.class})
public class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests to run commands in-process). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new FriendlyErrors());
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'serve --help'");
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"taskstream-server " + Version.current()};
        }
    }

    /**
     * Prints one line a person can act on instead of a stack trace; exit code 1. A driver's message
     * may quote the database URL or password, so they are hidden.
     */
    static final class FriendlyErrors implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
            CommandLine.Model.OptionSpec password = cl.getCommandSpec().findOption("--db-password");
            String known = password == null ? null : password.getValue();
            cl.getErr().println("error: " + Redact.passwords(CliErrors.describe(e), known));
            return 1;
        }
    }
}
