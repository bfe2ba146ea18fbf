package dev.mailsift.web.platform.embedded;

import org.h2.api.ErrorCode;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

import java.sql.SQLException;

/**
 * Explains an embedded database file H2 cannot open: H2 2.3 can leave its file unreadable when the process writing it
 * is killed (docs/decisions/0039). The start-up report says what to do instead of a stack trace.
 */
class CorruptedDatabaseFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        SQLException cause = corruptedFile(failure);
        if (cause == null) {
            return null;
        }
        return new FailureAnalysis("The embedded H2 database cannot be opened: " + cause.getMessage(),
                "The process that last wrote it was probably killed mid-write. Move the file aside (the data "
                        + "directory keeps everything else) and start again with an empty database, or try to "
                        + "salvage it with H2's recovery tool: java -cp h2.jar org.h2.tools.Recover -dir <data dir> "
                        + "(writes a SQL script of what it can read). Where the data matters, run on PostgreSQL "
                        + "(MAILSIFT_DB_URL).", cause);
    }

    /** H2's "file corrupted" anywhere in the chain: the pool may wrap it in an exception of its own. */
    private static SQLException corruptedFile(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == ErrorCode.FILE_CORRUPTED_1) {
                return sql;
            }
        }
        return null;
    }
}
