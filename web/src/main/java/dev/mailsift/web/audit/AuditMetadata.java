package dev.mailsift.web.audit;

/**
 * Metadata keys that make the event store the audit log. Axon's own {@code correlationId} (the message that
 * caused this one) and {@code traceId} (the first message of the chain) travel alongside.
 */
public final class AuditMetadata {

    /** Who caused the message: {@code user:<id>}, {@code api_key:<id>} or {@code system}. */
    public static final String ACTOR = "actor";
    /** The client's IP address when the message came from an HTTP request. */
    public static final String CLIENT_ADDRESS = "clientAddress";
    public static final String SYSTEM = "system";

    private AuditMetadata() {
    }
}
