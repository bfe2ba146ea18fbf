package dev.mailsift.web.platform.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDatabaseFileTest {

    @TempDir
    Path dataDir;

    @Test
    void anH2FileUrlNamesItsFileAndAnInMemoryOrServerUrlNone() {
        assertThat(EmbeddedDatabaseFile.of("jdbc:h2:file:./data/mailsift;MODE=PostgreSQL"))
                .contains(new EmbeddedDatabaseFile(Path.of("./data/mailsift.mv.db")));
        assertThat(EmbeddedDatabaseFile.of("jdbc:h2:/srv/db/mailsift"))
                .contains(new EmbeddedDatabaseFile(Path.of("/srv/db/mailsift.mv.db")));
        assertThat(EmbeddedDatabaseFile.of("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1")).isEmpty();
        assertThat(EmbeddedDatabaseFile.of("jdbc:h2:tcp://localhost/~/test")).isEmpty();
        assertThat(EmbeddedDatabaseFile.of("jdbc:postgresql://127.0.0.1/mailsift")).isEmpty();
    }

    @Test
    void theHeaderSaysClosedOnlyOnceH2HasClosedTheDatabase() throws Exception {
        String url = "jdbc:h2:file:" + dataDir.resolve("mailsift");
        EmbeddedDatabaseFile file = EmbeddedDatabaseFile.of(url).orElseThrow();
        try (Connection db = DriverManager.getConnection(url, "sa", ""); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE t (id BIGINT PRIMARY KEY)");
            sql.execute("INSERT INTO t VALUES (1)");
            sql.execute("CHECKPOINT");

            assertThat(file.closedCleanly()).as("while open").isFalse();
        }
        assertThat(file.closedCleanly()).as("once closed").isTrue();
    }

    @Test
    void aFileThatIsNoH2DatabaseIsNotTakenAsClosedCleanly() throws Exception {
        Path notH2 = dataDir.resolve("other.mv.db");
        Files.writeString(notH2, "clean:1");

        assertThat(new EmbeddedDatabaseFile(notH2).closedCleanly()).isFalse();
    }

    @Test
    void aFileH2CannotOpenStopsTheStartWithWhatToDo() throws Exception {
        Files.write(dataDir.resolve("mailsift.mv.db"), ("H:2,block:2,blockSize:1000,chunk:1,created:1,format:3,"
                + "version:1,fletcher:0\n").repeat(200).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        java.sql.SQLException failure = org.assertj.core.api.Assertions.catchThrowableOfType(java.sql.SQLException.class,
                () -> DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("mailsift"), "sa", "").close());

        var analysis = new CorruptedDatabaseFailureAnalyzer().analyze(new IllegalStateException("start", failure));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("cannot be opened");
        assertThat(analysis.getAction()).contains("org.h2.tools.Recover", "MAILSIFT_DB_URL");
    }
}
