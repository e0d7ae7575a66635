package dev.taskstream.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the server jar: {@code serve}, {@code watch}, {@code import}, {@code bench}. */
@Command(name = "taskstream-server", mixinStandardHelpOptions = true,
        description = "Taskstream: live progress of knowledge-graph maintenance tasks over SSE.")
public class Main {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
