package dev.mailsift.command.user;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
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
}
