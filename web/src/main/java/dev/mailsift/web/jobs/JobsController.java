package dev.mailsift.web.jobs;

import dev.mailsift.api.job.CancelJob;
import dev.mailsift.api.job.FindJob;
import dev.mailsift.api.job.FindJobs;
import dev.mailsift.api.job.JobPage;
import dev.mailsift.api.job.JobUploaded;
import dev.mailsift.api.job.JobView;
import dev.mailsift.api.job.SubmitJob;
import dev.mailsift.command.jobs.JobNotFoundException;
import dev.mailsift.command.platform.blob.BlobContentTypes;
import dev.mailsift.command.platform.blob.BlobKeys;
import dev.mailsift.command.platform.blob.BlobStore;
import dev.mailsift.engine.results.ResultsWriter;
import dev.mailsift.web.platform.idempotency.IdempotencyKeys;
import dev.mailsift.web.platform.idempotency.Idempotent;
import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.problem.EmptyUploadException;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.problem.ResourceNotFoundException;
import dev.mailsift.web.platform.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Batch jobs: upload a list, follow it, download its results, cancel it. Only ever the caller's own jobs. */
@RestController
@RequestMapping("/api/v1/jobs")
@Validated
class JobsController {

    private static final Duration DOWNLOAD_LINK_LIFETIME = Duration.ofMinutes(10);
    /** How long a read of a job the caller just uploaded waits for the read model to have it. */
    private static final Duration READ_YOUR_WRITES = Duration.ofSeconds(2);
    private static final Duration READ_MODEL_POLL = Duration.ofMillis(50);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final BlobStore blobs;
    private final UploadedJobs uploadedJobs;
    private final StreamedResults streamedResults;

    JobsController(CommandGateway commands, QueryGateway queries, BlobStore blobs, UploadedJobs uploadedJobs,
                   StreamedResults streamedResults) {
        this.commands = commands;
        this.queries = queries;
        this.blobs = blobs;
        this.uploadedJobs = uploadedJobs;
        this.streamedResults = streamedResults;
    }

    /**
     * Stores the upload and starts the job. With an {@code Idempotency-Key}, a retried upload answers the job the
     * first one started instead of starting another.
     */
    @Operation(summary = "Upload a list",
            description = "Uploads a list to verify as the multipart part `file` (CSV, TSV, TXT or XLSX, at "
                    + "most 100 MB), with optional `header_row` (`true` or `false`) and `email_column` (a "
                    + "header name or a 1-based number, at most 255 characters). Answers `202` with the job"
                    + " and `Location: /api/v1/jobs/{id}`; follow it on the progress stream. One credit per"
                    + " unique plausible address is reserved when the list is accepted. With an "
                    + "`Idempotency-Key`, a repeated upload makes one job.")
    @ProblemResponse(status = 400, type = ProblemType.VALIDATION,
            when = "The file is empty, or `email_column` or `Idempotency-Key` is over 255 characters.")
    @Idempotent
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<JobResponse> submit(@RequestPart("file") MultipartFile file,
                                       @RequestParam(name = "header_row", required = false) Boolean headerRow,
                                       @RequestParam(name = "email_column", required = false)
                                       @Size(max = 255) String emailColumn,
                                       @RequestHeader(name = "Idempotency-Key", required = false)
                                       @Size(max = 255) String idempotencyKey,
                                       @AuthenticationPrincipal AuthenticatedUser caller) throws IOException {
        if (file.isEmpty()) {
            throw new EmptyUploadException();
        }
        String jobId = IdempotencyKeys.idFor(idempotencyKey, caller.userId(), "job");
        Optional<JobView> existing = find(caller, jobId);
        if (existing.isPresent()) {
            return accepted(existing.get());
        }
        String fileName = UploadedFileNames.displayName(file.getOriginalFilename());
        String uploadKey = BlobKeys.upload(jobId, UploadedFileNames.extension(fileName));
        if (!blobs.exists(uploadKey)) {
            Path spooled = Files.createTempFile("mailsift-upload-", ".bin");
            try {
                file.transferTo(spooled);
                blobs.put(uploadKey, spooled);
            } finally {
                Files.deleteIfExists(spooled);
            }
        }
        try {
            commands.sendAndWait(new SubmitJob(jobId, caller.userId(), fileName, uploadKey, file.getSize(), headerRow,
                    emailColumn));
        } catch (AggregateStreamCreationException retriedBeforeTheReadModelCaughtUp) {
            // same Idempotency-Key as a job just submitted: answer that job
        }
        return accepted(find(caller, jobId).orElseGet(() -> JobViews.justUploaded(jobId, caller.userId(), fileName)));
    }

    @Operation(summary = "List jobs",
            description = "The caller's jobs, newest first, page by page.")
    @GetMapping
    JobListResponse list(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                         @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
                         @AuthenticationPrincipal AuthenticatedUser caller) {
        JobPage jobs = queries.query(new FindJobs(caller.userId(), page, size),
                ResponseTypes.instanceOf(JobPage.class)).join();
        return new JobListResponse(jobs.items().stream().map(JobResponse::of).toList(), jobs.page(), jobs.size(),
                jobs.total());
    }

    @Operation(summary = "Read a job",
            description = "A job: its status, counts, progress and credits. Right after its upload (following "
                    + "`Location` at once) it is found too. Another account's job answers `404`, as a job "
                    + "that does not exist.")
    @GetMapping("/{jobId}")
    JobResponse get(@PathVariable @Size(max = 64) String jobId, @AuthenticationPrincipal AuthenticatedUser caller) {
        return JobResponse.of(require(caller, jobId));
    }

    @ApiResponse(responseCode = "200", description = "The results file, named after the upload.", content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    schema = @Schema(type = "string", format = "binary"))})
    @ApiResponse(responseCode = "303", description = "An unfiltered CSV with an S3 store: `Location` is a "
            + "presigned URL of the same file, valid 10 minutes.")
    @Operation(summary = "Download the results",
            description = "The results file (`format` `csv`, the default, or `xlsx`): the original rows and "
                    + "columns plus a verdict per row (`status`, `reason`, flags, suggestion, MX host, "
                    + "provider); formula-like cells are neutralised. `status` (comma-separated: "
                    + "`deliverable`, `risky`, `undeliverable`, `unknown`) keeps only the rows of those statuses, "
                    + "streamed by the service. The XLSX is made from the CSV as it streams. An unfiltered CSV (or an "
                    + "XLSX stored for a job finished before XLSX files were made on request) with an S3 store is "
                    + "answered `303 See Other` to a presigned URL valid 10 minutes.")
    @ProblemResponse(status = 400, type = ProblemType.VALIDATION,
            when = "`status` names something other than deliverable, risky, undeliverable or unknown.")
    @ProblemResponse(status = 404, type = ProblemType.NOT_FOUND,
            when = "No such job, not the caller's, no results yet, or `xlsx` for a list longer than a sheet holds.")
    @GetMapping("/{jobId}/results")
    ResponseEntity<?> results(@PathVariable @Size(max = 64) String jobId,
                              @RequestParam(defaultValue = "csv") @Pattern(regexp = "csv|xlsx") String format,
                              @RequestParam(required = false) @Size(max = 255) String status,
                              @AuthenticationPrincipal AuthenticatedUser caller,
                              HttpServletResponse response) throws IOException {
        StatusFilter filter = StatusFilter.parse(status);
        JobView job = require(caller, jobId);
        boolean xlsx = "xlsx".equals(format);
        if (job.resultsCsvKey() == null) {
            throw new ResourceNotFoundException("This job has no results yet.");
        }
        if (xlsx && job.rowsTotal() > ResultsWriter.XLSX_MAX_DATA_ROWS) {
            throw new ResourceNotFoundException("This list is longer than a spreadsheet holds; download format=csv.");
        }
        // jobs completed before decision 0050 have a stored XLSX; later ones only their CSV
        String stored = xlsx ? job.resultsXlsxKey() : job.resultsCsvKey();
        String downloadName = baseName(job.fileName()) + "-results." + format;
        MediaType type = xlsx
                ? MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                : new MediaType("text", "csv", StandardCharsets.UTF_8);
        // named as the presigned links name it
        String disposition = BlobContentTypes.attachment(downloadName);
        boolean storedAsAsked = filter.all() && stored != null;
        if (!storedAsAsked) {
            // made from the stored CSV while it streams out, row by row (never through a presigned link)
            response.setContentType(type.toString());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, disposition);
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
            if (xlsx) {
                streamedResults.writeXlsx(job.resultsCsvKey(), filter, response.getOutputStream());
            } else {
                streamedResults.writeCsv(job.resultsCsvKey(), filter, response.getOutputStream());
            }
            return null;
        }
        Optional<URI> link = blobs.downloadUrl(stored, downloadName, DOWNLOAD_LINK_LIFETIME);
        if (link.isPresent()) {
            // the signed link names the file and its type itself; it is the caller's alone: nobody may cache it
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(link.get())
                                 .cacheControl(CacheControl.noStore()).build();
        }
        return ResponseEntity.ok()
                             .contentType(type)
                             .header(HttpHeaders.CONTENT_DISPOSITION, disposition)
                             .header("X-Content-Type-Options", "nosniff")
                             .body(new InputStreamResource(blobs.open(stored)));
    }

    @Operation(summary = "Cancel a job",
            description = "Cancels a job: verdicts so far stay downloadable and billed, the rest of the "
                    + "reservation is released. Answers `202` with the job.")
    @PostMapping("/{jobId}/cancel")
    ResponseEntity<JobResponse> cancel(@PathVariable @Size(max = 64) String jobId,
                                       @AuthenticationPrincipal AuthenticatedUser caller) {
        require(caller, jobId);
        try {
            commands.sendAndWait(new CancelJob(jobId, caller.userId()));
        } catch (JobNotFoundException | AggregateNotFoundException e) {
            throw new ResourceNotFoundException("No such job.");
        }
        return accepted(require(caller, jobId));
    }

    /**
     * The caller's job. One the read model does not have yet, though the caller uploaded it (a client following the
     * upload's {@code Location} at once), is waited for briefly, then answered as its upload event tells it: a
     * client never gets 404 for its own job. Someone else's job, or none, is 404 at once.
     */
    private JobView require(AuthenticatedUser caller, String jobId) {
        Optional<JobView> projected = find(caller, jobId);
        if (projected.isPresent()) {
            return projected.get();
        }
        JobUploaded upload = uploadedJobs.upload(caller.userId(), jobId)
                                         .orElseThrow(() -> new ResourceNotFoundException("No such job."));
        long deadline = System.nanoTime() + READ_YOUR_WRITES.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(READ_MODEL_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            projected = find(caller, jobId);
            if (projected.isPresent()) {
                return projected.get();
            }
        }
        return JobViews.uploaded(upload);
    }

    private Optional<JobView> find(AuthenticatedUser caller, String jobId) {
        return queries.query(new FindJob(caller.userId(), jobId), ResponseTypes.optionalInstanceOf(JobView.class))
                      .join();
    }

    private static ResponseEntity<JobResponse> accepted(JobView job) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                             .location(URI.create("/api/v1/jobs/" + job.id()))
                             .body(JobResponse.of(job));
    }

    private static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    record JobListResponse(List<JobResponse> items, int page, int size, long total) {
    }
}
