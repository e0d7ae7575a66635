package dev.taskstream.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every form of database password we know of is hidden; the rest of the text stays readable. */
class RedactTest {
    @Test
    void hidesPasswordsInEveryUrlForm() {
        assertThat(Redact.url("jdbc:postgresql://db:5432/tasks?user=ops&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/tasks?user=ops&password=***&ssl=true");
        assertThat(Redact.url("jdbc:postgresql://db/tasks?PASSWORD=hunter2"))
                .isEqualTo("jdbc:postgresql://db/tasks?PASSWORD=***");
        assertThat(Redact.url("jdbc:h2:file:/data/ts;USER=sa;PASSWORD=hunter2;AUTO_SERVER=TRUE"))
                .isEqualTo("jdbc:h2:file:/data/ts;USER=sa;PASSWORD=***;AUTO_SERVER=TRUE");
        assertThat(Redact.url("jdbc:postgresql://db/tasks?sslpassword=hunter2"))
                .isEqualTo("jdbc:postgresql://db/tasks?sslpassword=***");
        assertThat(Redact.url("jdbc:postgresql://ops:hunter2@db:5432/tasks"))
                .isEqualTo("jdbc:postgresql://ops:***@db:5432/tasks");
        assertThat(Redact.url("jdbc:postgresql://db:5432/tasks?currentSchema=x")).isEqualTo(
                "jdbc:postgresql://db:5432/tasks?currentSchema=x");
    }

    @Test
    void hidesAKnownPasswordWhereverAMessageQuotesIt() {
        assertThat(Redact.passwords("connection to 'db' with 'hunter3' refused; url jdbc:x?password=hunter2",
                "hunter3")).isEqualTo("connection to 'db' with '***' refused; url jdbc:x?password=***");
        assertThat(Redact.passwords("nothing secret here", null)).isEqualTo("nothing secret here");
        assertThat(Redact.passwords(null, "x")).isNull();
    }
}
