package dev.mailsift.web.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One stored event as auditors read it. {@code correlationId} is the first message of the chain that caused it
 * (Axon's {@code traceId}: one per request or saga step), {@code causationId} the message that caused it directly
 * (Axon's {@code correlationId}).
 *
 * @param type           the event's simple name, e.g. {@code CreditsGranted}
 * @param revision       the payload's revision as served: the current one unless the stored form was asked for
 * @param storedRevision the revision it was stored under (null for a first form)
 * @param payload        the payload as JSON, secrets and their hashes redacted
 */
record AuditEvent(long position,
                  String aggregateType,
                  String aggregateId,
                  long sequence,
                  String eventId,
                  String type,
                  String revision,
                  String storedRevision,
                  Instant timestamp,
                  String actor,
                  String clientAddress,
                  String correlationId,
                  String causationId,
                  JsonNode payload) {
}
