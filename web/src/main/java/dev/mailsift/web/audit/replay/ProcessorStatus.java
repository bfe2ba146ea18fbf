package dev.mailsift.web.audit.replay;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An event processor as every node sees it: its kind, whether it runs on this node, its segments with their
 * positions and owners (from the token store), how far behind the event store's head it is, and whether it is
 * replaying.
 *
 * @param position the lowest position of its segments: everything up to it is handled by every segment
 * @param lag      events (global positions) between {@code position} and the store's head
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ProcessorStatus(String name, String kind, boolean running, boolean replaying, boolean replayable,
                       Long position, Long lag, List<SegmentStatus> segments) {

    /** One segment's token: who holds it (empty when nobody does), where it stands, and whether it is replaying. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SegmentStatus(int segment, String owner, Long position, boolean replaying) {
    }

    record Overview(long head, List<ProcessorStatus> processors) {
    }
}
