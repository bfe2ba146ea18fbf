package dev.mailsift.command.accounts;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A busy account (many reservations and captures) is loaded from a snapshot plus the events after it. */
@Configuration(proxyBeanMethods = false)
class UserSnapshotConfig {

    @Bean
    SnapshotTriggerDefinition userSnapshotTrigger(Snapshotter snapshotter,
                                                  @Value("${mailsift.snapshots.user-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * A snapshot is a cache of the aggregate's state, stored under the aggregate's class name and revision: one
     * taken before the class moved or changed its name, or before its state gained a field
     * ({@link User#STATE_REVISION}), is passed over, and the account is loaded from its events (and snapshotted
     * again) instead of failing to load or loading without the field.
     */
    @Bean
    SnapshotFilter userSnapshotFilter() {
        return UserSnapshotConfig::isCurrentUserSnapshotOrOtherAggregate;
    }

    static boolean isCurrentUserSnapshotOrOtherAggregate(DomainEventData<?> snapshot) {
        return !User.class.getSimpleName().equals(snapshot.getType())
                || (User.class.getName().equals(snapshot.getPayload().getType().getName())
                && User.STATE_REVISION.equals(snapshot.getPayload().getType().getRevision()));
    }
}
