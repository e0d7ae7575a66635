package dev.taskstream.app.communities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.shared.api.TaskAccepted;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.client.ApiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code TaskstreamClient.importGraph} against a real server (the shared module has none): the byte count reaches
 * the file's size, the answer is the import task, and a refusal is an {@link ApiException} with the server's error.
 */
class ImportGraphClientTest {
    @RegisterExtension
    static final AppTestServer server = AppTestServer.perClass();

    @TempDir
    Path dir;

    @Test
    void countsEveryByteSentAndAnswersWithTheImportTask() throws IOException {
        StringBuilder csv = new StringBuilder("kind,id,name,type,source,target,relation,weight\n");
        for (int i = 0; i < 2_000; i++) { // several buffers' worth, so that the count adds up more than once
            csv.append("entity,count-").append(i).append(",Entity number ").append(i).append(",thing,,,,\n");
        }
        Path file = Files.writeString(dir.resolve("many.csv"), csv);
        AtomicLong sent = new AtomicLong();

        TaskAccepted accepted = server.client().importGraph(AppTestServer.PROJECT, file, sent::set);

        assertThat(sent.get()).isEqualTo(Files.size(file));
        assertThat(accepted.taskId()).isNotNull();
        assertThat(server.client().getTask(accepted.taskId()).name()).isEqualTo("import_graph");
        // the import ends before the server closes after this class
        await().atMost(Duration.ofSeconds(60)).until(() ->
                server.client().getTask(accepted.taskId()).status() == TaskStatus.COMPLETED);
    }

    @Test
    void anUnknownProjectIsAnApiExceptionWithTheServersError() throws IOException {
        Path file = Files.writeString(dir.resolve("one.json"), "{\"entities\": [{\"id\": \"x\", \"name\": \"X\"}]}");

        assertThatThrownBy(() -> server.client().importGraph("no-such-project!", file, n -> { }))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isBetween(400, 499));
    }
}
