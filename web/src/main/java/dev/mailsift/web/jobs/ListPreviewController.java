package dev.mailsift.web.jobs;

import dev.mailsift.command.jobs.IntakePreview;
import dev.mailsift.command.jobs.IntakeRejection;
import dev.mailsift.command.jobs.ListIntake;
import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.problem.EmptyUploadException;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.problem.UnacceptableUploadException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * What a list would cost before anything is charged: the same reading as a job's intake (format, header row, email
 * column, duplicates, price), on the uploaded file as it streams in. Nothing is stored, nothing is charged.
 */
@RestController
class ListPreviewController {

    /** Data rows shown as read, for a person to check the columns. */
    static final int SAMPLE_ROWS = 10;

    private final ListIntake intake;

    ListPreviewController(ListIntake intake) {
        this.intake = intake;
    }

    @Operation(summary = "Preview a list",
            description = "What intake makes of a list (as for an upload: `file`, `header_row`, `email_column`)"
                    + " and what verifying it would cost, with its first 10 data rows; nothing is stored or"
                    + " charged.")
    @ProblemResponse(status = 422, type = ProblemType.VALIDATION,
            when = "Intake would reject the list; `detail` says why.")
    @ProblemResponse(status = 400, type = ProblemType.VALIDATION,
            when = "The file is empty.")
    @PostMapping(path = "/api/v1/jobs/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Preview preview(@RequestPart("file") MultipartFile file,
                    @RequestParam(name = "header_row", required = false) Boolean headerRow,
                    @RequestParam(name = "email_column", required = false) @Size(max = 255) String emailColumn)
            throws IOException {
        if (file.isEmpty()) {
            throw new EmptyUploadException();
        }
        try (InputStream list = file.getInputStream()) {
            return Preview.of(intake.preview(list, headerRow, emailColumn, SAMPLE_ROWS));
        } catch (IntakeRejection rejected) {
            throw new UnacceptableUploadException(HttpStatus.UNPROCESSABLE_ENTITY,
                    rejected.getMessage() + " (" + rejected.reason().name().toLowerCase() + ")");
        }
    }

    /**
     * @param credits what verifying the list would cost: one credit per unique address with a valid syntax
     * @param sample  the first data rows as read
     */
    record Preview(String format, List<String> header, int emailColumn, long rows, long unique, long duplicates,
                   long blank, long credits, List<List<String>> sample) {

        static Preview of(IntakePreview preview) {
            return new Preview(preview.format(), preview.header(), preview.emailColumn(), preview.rows(),
                    preview.unique(), preview.duplicates(), preview.blank(), preview.billable(), preview.sample());
        }
    }
}
