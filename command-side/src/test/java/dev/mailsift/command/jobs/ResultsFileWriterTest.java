package dev.mailsift.command.jobs;

import dev.mailsift.api.job.IntakeSummary;
import dev.mailsift.api.job.RowValidated;
import dev.mailsift.api.job.RowVerdict;
import dev.mailsift.command.platform.blob.BlobKeys;
import dev.mailsift.command.platform.blob.FileSystemBlobStore;
import dev.mailsift.engine.EmailVerifier;
import dev.mailsift.engine.intake.ListReader;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsFileWriterTest {

    @TempDir
    Path root;
    FileSystemBlobStore blobs;
    ChunkVerdictFiles copies;
    EmbeddedEventStore events;

    @BeforeEach
    void stores() {
        blobs = new FileSystemBlobStore(root);
        copies = new ChunkVerdictFiles(blobs);
        events = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    }

    @AfterEach
    void shutDown() {
        events.shutDown();
    }

    /**
     * Chunk 0's verdicts are read from the copy its worker wrote, chunk 1's (no copy: its worker died after the
     * commit) from its events; the results are the same either way, and the copies are gone afterwards.
     */
    @Test
    void verdictsComeFromTheWorkersCopiesOrElseFromTheChunksEvents() throws Exception {
        String uploadKey = upload("j2",
                "name,email\nAda,ada@example.com\nBob,bob@example.com\nAda again,ADA@Example.com\nCy,cy@example.com\n");
        blobs.put(BlobKeys.checkList("j2"), "ada@example.com\nbob@example.com\ncy@example.com\n".getBytes());
        copies.write("j2", 0, List.of(verdict(0, "ada@example.com", "deliverable", "accepted"),
                verdict(1, "bob@example.com", "undeliverable", "mailbox_not_found")));
        events.publish(new GenericDomainEventMessage<>("ValidationChunk", "j2/1", 0,
                new RowValidated("j2", 1, verdict(2, "cy@example.com", "risky", "catch_all"), Instant.EPOCH)));
        IntakeSummary intake = new IntakeSummary(4, 3, 1, 0, 3, true, 1, 2, 2, BlobKeys.checkList("j2"));

        String csvKey = new ResultsFileWriter(blobs, events, copies).write("j2", uploadKey, intake);

        assertThat(csvKey).isEqualTo(BlobKeys.resultsCsv("j2"));
        List<String> lines = csvLines(csvKey);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).startsWith("Ada,ada@example.com,deliverable,accepted");
        assertThat(lines.get(2)).startsWith("Bob,bob@example.com,undeliverable,mailbox_not_found");
        assertThat(lines.get(3)).startsWith("Ada again,ADA@Example.com,deliverable,accepted");
        assertThat(lines.get(4)).startsWith("Cy,cy@example.com,risky,catch_all");
        // the XLSX is made from the CSV when someone asks for it, not stored
        assertThat(blobs.exists("validation/completed/j2/results.xlsx")).isFalse();
        assertThat(blobs.exists(BlobKeys.chunkVerdicts("j2", 0))).isFalse();
        assertThat(blobs.exists(BlobKeys.checkList("j2"))).isFalse();
    }

    /**
     * A row finds its verdict by the key intake gave its address; the verdict's own key (its normalised address, as
     * the pipeline's verifier wrote it) must be that key for every kind of address, or the row would read
     * {@code not_checked} though it was verified and billed.
     */
    @Test
    void theVerdictOfEveryKindOfAddressIsFoundByTheKeyIntakeGaveItsRow() {
        List<String> addresses = List.of("Ada@Example.com", "a.d.a+news@gmail.com", "ADA@GOOGLEMAIL.COM",
                "bob+tag@outlook.com", "用户@例子.广告", "Ünïcödé@exämple.de", "user@xn--exmple-cua.de",
                "\"quoted local\"@example.org", "user@[192.0.2.1]", "info@example.com", "not an address", "x@y",
                "trailing.dot.@example.com", "UPPER@EXAMPLE.ORG");
        try (EmailVerifier offline = EmailVerifier.builder().offline(true).build()) {
            for (String address : addresses) {
                RowVerdict verdict = Verdicts.toRow(0, offline.verify(address));
                assertThat(ResultsFileWriter.keyOf(verdict)).as(address).isEqualTo(ListReader.dedupeKey(address));
            }
        }
    }

    /** A CRM export's title line stays above the header in the results; verdicts still meet their rows. */
    @Test
    void aTitleAboveTheHeaderStaysAboveItInTheResults() throws Exception {
        String uploadKey = upload("j3", "Contacts export,\n\nName,Email\nAda,ada@example.com\nBob,bob@example.com\n");
        copies.write("j3", 0, List.of(verdict(0, "ada@example.com", "deliverable", "accepted"),
                verdict(1, "bob@example.com", "undeliverable", "mailbox_not_found")));
        IntakeSummary intake = new IntakeSummary(2, 2, 0, 0, 2, true, 1, 1, 2, BlobKeys.checkList("j3"));

        List<String> lines = csvLines(new ResultsFileWriter(blobs, events, copies).write("j3", uploadKey, intake));
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("Contacts export,,,").doesNotContain("status");
        assertThat(lines.get(1)).startsWith("Name,Email,status,reason");
        assertThat(lines.get(2)).startsWith("Ada,ada@example.com,deliverable,accepted");
        assertThat(lines.get(3)).startsWith("Bob,bob@example.com,undeliverable,mailbox_not_found");
    }

    private List<String> csvLines(String csvKey) throws IOException {
        return new String(blobs.open(csvKey).readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }

    private String upload(String jobId, String csv) throws IOException {
        String key = BlobKeys.upload(jobId, ".csv");
        blobs.put(key, Files.writeString(Files.createTempFile(root, "list", ".csv"), csv));
        return key;
    }

    private static RowVerdict verdict(long index, String email, String status, String reason) {
        return new RowVerdict(index, email, status, reason, true, email, null, false, false, false,
                "catch_all".equals(reason), false, false, "mx.example.com", null);
    }
}
