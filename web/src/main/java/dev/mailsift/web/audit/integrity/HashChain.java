package dev.mailsift.web.audit.integrity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The chain the events are sealed into, in global order: each seal is SHA-256 over the previous seal, the event's
 * global position and its digest, so changing, removing, moving or slipping in any sealed event changes every seal
 * after it.
 */
final class HashChain {

    /** The seal before the first event: a fixed, labelled value rather than zeros, so it cannot be mistaken. */
    static final byte[] GENESIS = StoredEvent.sha256().digest(
            "mailsift audit chain v1 genesis".getBytes(StandardCharsets.US_ASCII));

    private HashChain() {
    }

    /** One per thread, reset by each digest(): the sealer and the verifier compute one seal per event. */
    private static final ThreadLocal<MessageDigest> SEAL_DIGEST = ThreadLocal.withInitial(StoredEvent::sha256);

    static byte[] next(byte[] previousSeal, long position, byte[] eventDigest) {
        MessageDigest sha256 = SEAL_DIGEST.get();
        sha256.update(previousSeal);
        sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(position).array());
        sha256.update(eventDigest);
        return sha256.digest();
    }
}
