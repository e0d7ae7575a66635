package dev.taskstream.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskstream.bench.EngineStatements;
import org.junit.jupiter.api.Test;

/**
 * The bench's copies of the engine's hot-path statements are the engine's strings: declared in the engine's
 * package so that it reads TaskStateSql's package-private constants, which stay closed to the product.
 */
class EngineStatementsTest {

    @Test
    void theBenchRunsTheEnginesOwnStatements() {
        assertThat(EngineStatements.UPDATE).isEqualTo(TaskStateSql.UPDATE);
        assertThat(EngineStatements.POSTGRES_CLAIM).isEqualTo(TaskStateSql.POSTGRES_CLAIM);
        assertThat(EngineStatements.POSTGRES_APPEND_EVENTS).isEqualTo(TaskStateSql.POSTGRES_APPEND_EVENTS);
        for (int n : new int[] {1, 2, 16}) {
            assertThat(EngineStatements.lockAll(n)).as("lock of %d rows", n).isEqualTo(TaskStateSql.lockAll(n));
        }
    }
}
