package dev.mailsift.command.accounts;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UserSnapshotFilterTest {

    @Test
    void aSnapshotStoredUnderTheAccountsFormerClassNameIsPassedOverSoTheAccountLoadsFromItsEvents() {
        assertThat(UserSnapshotConfig.isCurrentUserSnapshotOrOtherAggregate(
                snapshot("User", "dev.mailsift.command.user.User", null))).isFalse();
    }

    @Test
    void aSnapshotTakenBeforeTheAccountKeptItsRoleIsPassedOver() {
        assertThat(UserSnapshotConfig.isCurrentUserSnapshotOrOtherAggregate(snapshot("User", User.class.getName(),
                null))).isFalse();
    }

    @Test
    void aSnapshotOfTheCurrentClassAndSnapshotsOfOtherAggregatesAreUsed() {
        assertThat(UserSnapshotConfig.isCurrentUserSnapshotOrOtherAggregate(snapshot("User", User.class.getName(),
                User.STATE_REVISION)))
                .isTrue();
        assertThat(UserSnapshotConfig.isCurrentUserSnapshotOrOtherAggregate(
                snapshot("BatchJob", "dev.mailsift.command.jobs.BatchJob", null))).isTrue();
    }

    private static GenericDomainEventEntry<byte[]> snapshot(String aggregateType, String payloadType,
                                                           String revision) {
        return new GenericDomainEventEntry<>(aggregateType, "u1", 120, "e1", "2026-11-30T10:00:00Z", payloadType,
                revision, new byte[0], new byte[0]);
    }
}
