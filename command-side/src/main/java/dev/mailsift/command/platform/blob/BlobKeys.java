package dev.mailsift.command.platform.blob;

import java.util.regex.Pattern;

/** The blob layout of a job, and the one rule every key obeys: no path tricks. */
public final class BlobKeys {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*");

    private BlobKeys() {
    }

    public static String upload(String jobId, String extension) {
        return check("validation/uploaded/" + jobId + "/list" + extension);
    }

    public static String checkList(String jobId) {
        return check("validation/in-progress/" + jobId + "/addresses.txt");
    }

    /** The verdicts of one chunk as its worker recorded them; a cache of the chunk's events (ChunkVerdictFiles). */
    public static String chunkVerdicts(String jobId, int chunkIndex) {
        return check("validation/in-progress/" + jobId + "/verdicts/chunk-" + chunkIndex + ".json");
    }

    public static String resultsCsv(String jobId) {
        return check("validation/completed/" + jobId + "/results.csv");
    }

    /**
     * A signed checkpoint of the audit chain, by its position, zero-padded so that the keys sort in chain order.
     */
    public static String auditCheckpoint(long position) {
        return check("audit/checkpoints/" + String.format("%020d", position) + ".json");
    }

    /** @throws IllegalArgumentException for keys that could leave the store's root ({@code ..}, absolute, odd bytes) */
    public static String check(String key) {
        if (key == null || key.length() > 512 || !SAFE.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("unsafe blob key");
        }
        return key;
    }
}
