package dev.taskstream.server.cli;

import dev.taskstream.server.db.Database;
import dev.taskstream.server.graph.GraphImporter;
import dev.taskstream.server.graph.ImportFormat;
import dev.taskstream.server.graph.ImportProgress;
import dev.taskstream.server.graph.ImportResult;
import dev.taskstream.server.graph.InvalidGraphException;
import dev.taskstream.server.http.ApiException;
import dev.taskstream.server.http.Requests;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code import}: streams a graph file (JSON or CSV, the formats of {@code POST /projects/{id}/graph})
 * straight into the database, in one transaction, with the server's bulk path ({@link GraphImporter}) and a
 * progress bar on stderr. Exit codes: 0 imported, 1 rejected (the item is
 * named) or database error, 2 usage error.
 */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = {"Import entities and edges from a JSON or CSV file into a project, directly into the database.",
                "JSON: {\"entities\": [{\"id\", \"name\", \"type\", \"properties\"}], \"edges\": [{\"source\", \"target\", "
                        + "\"relation\", \"weight\"}]}.",
                "CSV: a header with 'kind' and any of id,name,type,properties,source,target,relation,weight; "
                        + "each row is kind 'entity' or 'edge'.",
                "Entities merge by id; the whole file is rejected if any item is invalid."})
public final class ImportCommand implements Callable<Integer> {
    @Option(names = "--project", required = true, description = "Project id (created if missing).")
    String project;

    @Option(names = "--format", description = "json or csv (default: from the file extension).")
    String format;

    @Parameters(index = "0", paramLabel = "FILE", description = "The graph file to import.")
    Path file;

    @CommandLine.Mixin
    DatabaseOptions db;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try {
            Requests.checkProjectId(project);
        } catch (ApiException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--project: " + e.detail());
        }
        ImportFormat chosen = format(file);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read file '" + file + "'");
        }
        String url = db.urlOrDefault(spec.commandLine());
        try (Database database = Database.open(url, db.user, db.password, 2)) {
            // Progress goes to stderr, so that stdout carries only the result line.
            WatchCommand.ProgressLine line = new WatchCommand.ProgressLine(spec.commandLine().getErr(),
                    System.console() != null);
            ImportResult r = new GraphImporter(database, Clock.systemUTC()).importStream(project,
                    () -> new BufferedInputStream(Files.newInputStream(file), 1 << 16), chosen,
                    new ImportProgress(Files.size(file), line::show));
            line.end();
            spec.commandLine().getOut().printf(Locale.ROOT,
                    "Imported into project %s: %d entities (%d new, %d updated, %d duplicates), %d edges (%d new, "
                            + "%d updated, %d duplicates) in %.1f s%n",
                    r.projectId(), r.entities(), r.entitiesCreated(), r.entitiesUpdated(), r.entitiesDuplicates(),
                    r.edges(), r.edgesCreated(), r.edgesUpdated(), r.edgesDuplicates(), r.durationMs() / 1000.0);
            spec.commandLine().getOut().flush();
            return 0;
        } catch (InvalidGraphException e) {
            return rejected(e.getMessage());
        } catch (RuntimeException e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof InvalidGraphException invalid) {
                    return rejected(invalid.getMessage());
                }
            }
            throw e;
        }
    }

    private int rejected(String why) {
        spec.commandLine().getErr().println("error: " + file + " was not imported (nothing was written): " + why);
        spec.commandLine().getErr().flush();
        return 1;
    }

    private ImportFormat format(Path path) {
        if (format != null) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "json" -> ImportFormat.JSON;
                case "csv" -> ImportFormat.CSV;
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "--format must be json or csv, got '" + format + "'");
            };
        }
        ImportFormat byName = ImportFormat.fromFileName(path.getFileName().toString());
        if (byName == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot tell the format of '" + path
                    + "' from its name: use --format json or --format csv");
        }
        return byName;
    }
}
