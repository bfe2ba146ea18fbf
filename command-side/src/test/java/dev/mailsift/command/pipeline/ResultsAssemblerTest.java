package dev.mailsift.command.pipeline;

import dev.mailsift.api.job.IntakeSummary;
import dev.mailsift.command.blob.BlobKeys;
import dev.mailsift.command.blob.FileSystemBlobStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsAssemblerTest {

    @TempDir
    Path root;

    @Test
    void aListLongerThanASpreadsheetComesBackAsCsvOnly() throws Exception {
        FileSystemBlobStore blobs = new FileSystemBlobStore(root);
        Path upload = Files.writeString(Files.createTempFile(root, "list", ".csv"), "email\nada@example.com\n");
        String uploadKey = BlobKeys.upload("j1", ".csv");
        blobs.put(uploadKey, upload);
        EmbeddedEventStore events = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        try {
            // the summary is what decides: intake counted more rows than an XLSX sheet holds
            IntakeSummary huge = new IntakeSummary(ResultsAssembler.XLSX_MAX_DATA_ROWS + 1, 1, 0, 0, 1, true, 0, 1,
                    500, BlobKeys.checkList("j1"));
            ResultsAssembler.ResultFiles files = new ResultsAssembler(blobs, events).assemble("j1", uploadKey, huge);

            assertThat(files.csvKey()).isEqualTo(BlobKeys.resultsCsv("j1"));
            assertThat(files.xlsxKey()).isNull();
            assertThat(blobs.exists(BlobKeys.resultsXlsx("j1"))).isFalse();
            assertThat(new String(blobs.open(files.csvKey()).readAllBytes()))
                    .startsWith("email,status,reason")
                    .contains("ada@example.com,unknown,not_checked");
        } finally {
            events.shutDown();
        }
    }
}
