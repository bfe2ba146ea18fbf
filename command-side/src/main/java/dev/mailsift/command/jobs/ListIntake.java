package dev.mailsift.command.jobs;

import dev.mailsift.api.job.IntakeSummary;
import dev.mailsift.api.job.JobUploaded;
import dev.mailsift.api.job.RejectionReason;
import dev.mailsift.command.platform.blob.BlobKeys;
import dev.mailsift.command.platform.blob.BlobStore;
import dev.mailsift.engine.intake.InputRow;
import dev.mailsift.engine.intake.IntakeException;
import dev.mailsift.engine.intake.IntakeOptions;
import dev.mailsift.engine.intake.ListReader;
import dev.mailsift.engine.syntax.EmailSyntax;
import org.springframework.stereotype.Component;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Intake: reads an uploaded list once, streaming, through the engine's {@link ListReader} (encoding, delimiter,
 * header and email column detection, dedupe), writes the unique addresses to the job's check list and prices
 * the job at one credit per unique, syntactically plausible address.
 */
@Component
public class ListIntake {

    private final BlobStore blobs;
    private final PipelineProperties properties;
    private final EmailSyntax syntax = EmailSyntax.standard();

    public ListIntake(BlobStore blobs, PipelineProperties properties) {
        this.blobs = blobs;
        this.properties = properties;
    }

    public IntakeSummary inspect(JobUploaded upload) throws IntakeRejection, IOException {
        Path checkList = Files.createTempFile("mailsift-checklist-", ".txt");
        try (InputStream in = blobs.open(upload.uploadKey());
             ListReader reader = ListReader.open(in, options(upload.headerRow(), upload.emailColumn()));
             BufferedWriter out = Files.newBufferedWriter(checkList, StandardCharsets.UTF_8)) {
            Tally tally = tally(reader, address -> {
                out.write(address);
                out.newLine();
            }, 0);
            out.close();
            String key = BlobKeys.checkList(upload.jobId());
            blobs.put(key, checkList);
            int chunkSize = properties.chunkSize();
            int chunks = (int) ((tally.unique() + chunkSize - 1) / chunkSize);
            return new IntakeSummary(tally.rows(), tally.unique(), tally.duplicates(), tally.blank(),
                    tally.billable(), reader.header() != null, reader.emailColumn(), chunks, chunkSize, key);
        } catch (IntakeException e) {
            throw new IntakeRejection(reasonFor(e.kind()), e.getMessage());
        } finally {
            Files.deleteIfExists(checkList);
        }
    }

    /**
     * What intake would make of a list, with nothing stored or charged: the same reading, counting and pricing as a
     * job's, and its first {@code sampleRows} data rows as read.
     */
    public IntakePreview preview(InputStream list, Boolean headerRow, String emailColumn, int sampleRows)
            throws IntakeRejection, IOException {
        try (ListReader reader = ListReader.open(list, options(headerRow, emailColumn))) {
            Tally tally = tally(reader, address -> { }, sampleRows);
            return new IntakePreview(reader.format().name().toLowerCase(java.util.Locale.ROOT), reader.header(),
                    reader.emailColumn(), tally.rows(), tally.unique(), tally.duplicates(), tally.blank(),
                    tally.billable(), tally.sample());
        } catch (IntakeException e) {
            throw new IntakeRejection(reasonFor(e.kind()), e.getMessage());
        }
    }

    /** Where each unique address goes (the check list, or nowhere for a preview). */
    private interface UniqueAddresses {
        void accept(String address) throws IOException;
    }

    private record Tally(long rows, long unique, long duplicates, long blank, long billable,
                         List<List<String>> sample) {
    }

    private Tally tally(ListReader reader, UniqueAddresses uniqueAddresses, int sampleRows)
            throws IntakeRejection, IOException {
        long rows = 0, unique = 0, duplicates = 0, blank = 0, billable = 0;
        List<List<String>> sample = new ArrayList<>();
        for (InputRow row : reader) {
            rows++;
            if (sample.size() < sampleRows) {
                sample.add(row.cells());
            }
            if (row.email() == null) {
                blank++;
            } else if (row.duplicate()) {
                duplicates++;
            } else {
                unique++;
                // false for an undelegated TLD too: like bad syntax, the verdict (unknown_tld) costs nothing
                if (syntax.isValid(row.email())) {
                    billable++;
                }
                uniqueAddresses.accept(row.email());
            }
        }
        if (unique == 0) {
            throw new IntakeRejection(RejectionReason.EMPTY_LIST, "The list holds no email addresses.");
        }
        return new Tally(rows, unique, duplicates, blank, billable, sample);
    }

    private static IntakeOptions options(Boolean headerRow, String emailColumn) {
        return IntakeOptions.defaults().withHeader(headerRow).withEmailColumn(blank(emailColumn) ? null : emailColumn);
    }

    private static RejectionReason reasonFor(IntakeException.Kind kind) {
        return switch (kind) {
            case EMPTY -> RejectionReason.EMPTY_LIST;
            case NO_EMAIL_COLUMN -> RejectionReason.NO_EMAIL_COLUMN;
            case TOO_LARGE, TOO_MANY_ROWS, TOO_MANY_COLUMNS, ROW_TOO_LARGE, CELL_TOO_LARGE, ZIP_BOMB -> RejectionReason.TOO_LARGE;
            case BINARY, UNSUPPORTED_FORMAT, MALFORMED -> RejectionReason.UNREADABLE_FILE;
        };
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
