package dev.taskstream.app.communities;

import dev.taskstream.app.fx.Background;
import dev.taskstream.app.fx.Coalescer;
import dev.taskstream.app.fx.Formats;
import dev.taskstream.app.fx.UiExecutor;
import dev.taskstream.app.task.TaskCardViewModel;
import dev.taskstream.app.task.TaskTitles;
import dev.taskstream.shared.api.TaskAccepted;
import dev.taskstream.shared.client.ApiException;
import dev.taskstream.shared.client.TaskstreamClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * "Import graph…": uploads a JSON or CSV file to {@code POST /projects/{id}/graph} off the UI thread, showing the
 * share of bytes sent, then hands the accepted {@code import_graph} task to the task card as a rebuild is handed
 * over (when it completes, {@link CommunitiesViewModel#taskEnded} reloads the statistics). Refusals
 * (409, 413, 415, no connection) become the {@link #messageProperty() message}, never an exception.
 */
public final class GraphImportViewModel {
    private final TaskstreamClient client;
    private final String projectId;
    private final UiExecutor ui;
    private final TaskCardViewModel taskCard;
    private final AtomicLong sent = new AtomicLong();
    private final ReadOnlyBooleanWrapper uploading = new ReadOnlyBooleanWrapper(this, "uploading", false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private volatile long size;
    private UUID heldBy; // the task a 409 named, while its message shows (UI executor only)
    private final Coalescer progressUpdates;

    public GraphImportViewModel(TaskstreamClient client, String projectId, UiExecutor ui, TaskCardViewModel taskCard) {
        this.client = client;
        this.projectId = projectId;
        this.ui = ui;
        this.taskCard = taskCard;
        // many buffers a second while uploading: one UI update per burst
        this.progressUpdates = new Coalescer(ui, () -> {
            if (uploading.get() && size > 0) {
                progress.set(Math.min(1.0, sent.get() / (double) size));
                message.set("Uploading " + Formats.bytes(sent.get()) + " of " + Formats.bytes(size) + "…");
            }
        });
        // the task in the way has ended: the refusal no longer holds, so the message says so
        taskCard.addFinishListener(s -> {
            if (s.taskId().equals(heldBy) && !uploading.get()) {
                heldBy = null;
                message.set(TaskTitles.title(s.name()) + " has ended (" + s.status().name().toLowerCase(Locale.ROOT)
                        + "): you can import the file again.");
            }
        });
    }

    /** Uploads {@code file} (JSON, or CSV by its {@code .csv} name) and shows the import task in the card. */
    public void importGraph(Path file) {
        if (uploading.get()) {
            return;
        }
        heldBy = null;
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            message.set("Cannot read " + file.getFileName() + ": " + e.getMessage());
            return;
        }
        size = bytes;
        sent.set(0);
        progress.set(0);
        uploading.set(true);
        message.set("Uploading " + file.getFileName() + "…");
        Background.run(() -> upload(file));
    }

    private void upload(Path file) {
        try {
            TaskAccepted accepted = client.importGraph(projectId, file, n -> {
                sent.set(n);
                progressUpdates.signal();
            });
            ui.execute(() -> {
                finish("");
                taskCard.attach(accepted.taskId());
            });
        } catch (ApiException e) {
            Optional<UUID> running = e.isConflict() ? e.taskId() : Optional.empty();
            String why = e.isConflict() ? heldBy(running) : describe(e, file);
            ui.execute(() -> {
                finish(why);
                running.ifPresent(id -> {
                    heldBy = id;
                    taskCard.attach(id); // the task in the way, with its Cancel button
                });
            });
        } catch (RuntimeException e) {
            ui.execute(() -> finish("Could not import " + file.getFileName() + ": " + e.getMessage()));
        }
    }

    private void finish(String text) {
        heldBy = null;
        uploading.set(false);
        progress.set(0);
        message.set(text);
    }

    /**
     * A 409: one import or rebuild at a time changes a project, and the answer names the one in the way. Its title
     * is looked up (off the UI thread) so the sentence says which task to wait for or cancel.
     */
    private String heldBy(Optional<UUID> running) {
        String which = "";
        if (running.isPresent()) {
            try {
                which = " (" + TaskTitles.title(client.getTask(running.get()).name()) + ", shown in the task card)";
            } catch (RuntimeException e) {
                which = " (shown in the task card)";
            }
        }
        return "Another task is changing this project" + which + ": wait for it to end, or cancel it, then import "
                + "again. Nothing was imported.";
    }

    private String describe(ApiException e, Path file) {
        String name = String.valueOf(file.getFileName());
        String detail = e.error() != null && e.error().detail() != null ? e.error().detail() : e.getMessage();
        return switch (e.status()) {
            case 413 -> {
                long limit = e.body() == null ? 0 : e.body().path("max_bytes").asLong(0);
                yield "The file is larger than the server accepts (" + name + " is " + Formats.bytes(size)
                        + (limit > 0 ? "; the limit is " + Formats.bytes(limit) : "") + "). Nothing was imported: "
                        + "split it into smaller files, or ask the server's administrator to raise the limit "
                        + "(serve --max-body-mb).";
            }
            case 415 -> "The server does not take this kind of file (use .json or .csv): " + detail;
            case 0 -> "Could not import " + name + ": " + e.getMessage();
            default -> "The server refused " + name + ": " + detail;
        };
    }

    /** True while the file is being sent. */
    public ReadOnlyBooleanProperty uploadingProperty() {
        return uploading.getReadOnlyProperty();
    }

    /** Share of the file sent, 0 to 1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The upload's progress or why the import was refused; empty when there is nothing to say. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
