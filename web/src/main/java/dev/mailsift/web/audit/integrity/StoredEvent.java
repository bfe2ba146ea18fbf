package dev.mailsift.web.audit.integrity;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One row of the event store as it is stored, and its digest: SHA-256 over a canonical encoding of every column
 * that carries meaning but its position, which the chain binds instead ({@link HashChain#next}): so an event moved to
 * another position is recognised as moved. Each field is length-prefixed, so no two different rows encode alike
 * however their values are split (an aggregate id ending where a type begins, say).
 */
record StoredEvent(long position, String eventId, String aggregateType, String aggregateId, long sequence,
                   String payloadType, String revision, String timestamp, byte[] payload, byte[] metadata) {

    /** Versions the encoding: a future change of it would be a new label, never a silent reinterpretation. */
    private static final byte[] ENCODING = "mailsift-event-v1".getBytes(StandardCharsets.US_ASCII);

    /** The columns read, in this order, wherever events are sealed or verified. */
    static final String COLUMNS = "globalindex, eventidentifier, type, aggregateidentifier, sequencenumber, "
            + "payloadtype, payloadrevision, timestamp, payload, metadata";

    byte[] digest() {
        MessageDigest sha256 = EVENT_DIGEST.get(); // reset by each digest(): one per thread, no provider lookup per row
        try (DataOutputStream out = new DataOutputStream(new DigestOutputStream(OutputStream.nullOutputStream(),
                sha256))) {
            field(out, ENCODING);
            field(out, eventId);
            field(out, aggregateType);
            field(out, aggregateId);
            out.writeLong(sequence);
            field(out, payloadType);
            field(out, revision);
            field(out, timestamp);
            field(out, payload);
            field(out, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sha256.digest();
    }

    private static final ThreadLocal<MessageDigest> EVENT_DIGEST = ThreadLocal.withInitial(StoredEvent::sha256);

    private static void field(DataOutputStream out, String value) throws IOException {
        field(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** Length, then the bytes; -1 for a null column, so null and empty differ. */
    private static void field(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(value.length);
            out.write(value);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
