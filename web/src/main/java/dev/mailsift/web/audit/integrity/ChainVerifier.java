package dev.mailsift.web.audit.integrity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Recomputes the chain from the stored events, in global order and in bounded memory, and compares it with the seals
 * and the signed checkpoints; the first position that does not match is reported with why. Used by the service's
 * integrity endpoint and by the offline verifier alike, so both judge the same way.
 */
final class ChainVerifier {

    private final ChainTables tables;
    private final Predicate<byte[]> trustedKey;

    /**
     * @param trustedKey which public keys (X.509 encoded) may sign checkpoints
     */
    ChainVerifier(ChainTables tables, Predicate<byte[]> trustedKey) {
        this.tables = tables;
        this.trustedKey = trustedKey;
    }

    /**
     * @param anchor a checkpoint kept outside the database, if any: checked like the stored ones, and it must lie
     *               within what the database has sealed
     */
    IntegrityReport verify(Optional<Checkpoint> anchor) throws SQLException {
        long started = System.nanoTime();
        ChainTables.Head head = tables.head(false);
        List<Checkpoint> stored = tables.checkpointsThrough(head.position());
        Walk walk = new Walk(head, stored, anchor);
        IntegrityReport.Failure failure = walk.run();
        Checkpoint last = tables.lastCheckpoint().orElse(null);
        return new IntegrityReport(failure == null, walk.checked, head.position(),
                HexFormat.of().formatHex(head.seal()), tables.countEventsAfter(head.position()), last, failure,
                (System.nanoTime() - started) / 1_000_000);
    }

    private final class Walk {

        private final ChainTables.Head head;
        private final Deque<Checkpoint> checkpoints;
        private final Optional<Checkpoint> anchor;
        private byte[] running = HashChain.GENESIS;
        private long checked;
        private long lastPosition;

        Walk(ChainTables.Head head, List<Checkpoint> stored, Optional<Checkpoint> anchor) {
            this.head = head;
            this.anchor = anchor;
            List<Checkpoint> all = new ArrayList<>(stored);
            anchor.ifPresent(all::add);
            all.sort(Comparator.comparingLong(Checkpoint::position));
            this.checkpoints = new ArrayDeque<>(all);
        }

        IntegrityReport.Failure run() throws SQLException {
            if (anchor.isPresent() && anchor.get().position() > head.position()) {
                return new IntegrityReport.Failure(anchor.get().position(), IntegrityReport.Reason.MISSING,
                        "the kept checkpoint covers position " + anchor.get().position() + " but the database has "
                                + "sealed only through " + head.position());
            }
            try (ResultSet events = tables.eventsThrough(head.position());
                 ResultSet seals = tables.sealsThrough(head.position())) {
                StoredEvent event = events.next() ? ChainTables.event(events) : null;
                ChainTables.Seal seal = seals.next() ? ChainTables.seal(seals) : null;
                while (event != null || seal != null) {
                    long position = Math.min(event == null ? Long.MAX_VALUE : event.position(),
                            seal == null ? Long.MAX_VALUE : seal.position());
                    IntegrityReport.Failure failure = checkpointsBefore(position);
                    if (failure != null) {
                        return failure;
                    }
                    if (event == null || event.position() != position) {
                        return new IntegrityReport.Failure(position, IntegrityReport.Reason.MISSING,
                                "the event sealed at this position is gone");
                    }
                    if (seal == null || seal.position() != position) {
                        return new IntegrityReport.Failure(position, IntegrityReport.Reason.INSERTED,
                                "an event at a position the chain had passed without one");
                    }
                    failure = check(event, seal);
                    if (failure != null) {
                        return failure;
                    }
                    event = events.next() ? ChainTables.event(events) : null;
                    seal = seals.next() ? ChainTables.seal(seals) : null;
                }
            }
            IntegrityReport.Failure failure = checkpointsBefore(Long.MAX_VALUE);
            if (failure == null && !Arrays.equals(running, head.seal())) {
                failure = new IntegrityReport.Failure(head.position(), IntegrityReport.Reason.MISSING,
                        "the chain's head does not follow from the sealed events: sealed events were removed after "
                                + "position " + lastPosition);
            }
            return failure;
        }

        private IntegrityReport.Failure check(StoredEvent event, ChainTables.Seal seal) throws SQLException {
            byte[] digest = event.digest();
            if (!Arrays.equals(digest, seal.eventDigest())) {
                Optional<Long> sealedAt = tables.otherPositionSealing(digest, event.position());
                return sealedAt.map(other -> new IntegrityReport.Failure(event.position(),
                                       IntegrityReport.Reason.REORDERED, "the event stored here was sealed at position " + other))
                               .orElseGet(() -> new IntegrityReport.Failure(event.position(),
                                       IntegrityReport.Reason.PAYLOAD_CHANGED,
                                       "the event stored here differs from the one sealed here"));
            }
            running = HashChain.next(running, event.position(), digest);
            if (!Arrays.equals(running, seal.seal())) {
                return new IntegrityReport.Failure(event.position(), IntegrityReport.Reason.MISSING,
                        "this seal does not follow from the events before it: an event and its seal were removed "
                                + "after position " + lastPosition);
            }
            checked++;
            lastPosition = event.position();
            return null;
        }

        /** Every checkpoint before {@code position} must sign the chain as it stands through the last event. */
        private IntegrityReport.Failure checkpointsBefore(long position) {
            while (!checkpoints.isEmpty() && checkpoints.peekFirst().position() < position) {
                Checkpoint checkpoint = checkpoints.removeFirst();
                if (!checkpoint.signatureValid() || !trustedKey.test(checkpoint.publicKey())) {
                    return new IntegrityReport.Failure(checkpoint.position(), IntegrityReport.Reason.BAD_SIGNATURE,
                            checkpoint.signatureValid() ? "the checkpoint is signed by a key that is not trusted"
                                    : "the checkpoint's signature does not verify");
                }
                if (!Arrays.equals(checkpoint.seal(), running) || checkpoint.sealedCount() != checked) {
                    return new IntegrityReport.Failure(checkpoint.position(),
                            IntegrityReport.Reason.CHECKPOINT_MISMATCH,
                            "the signed checkpoint at this position does not match the events before it");
                }
            }
            return null;
        }
    }
}
