package dev.mailsift.web.audit.replay;

import dev.mailsift.api.job.RowValidated;
import dev.mailsift.api.user.PasswordChanged;
import dev.mailsift.api.user.UserRegistered;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscribing model's rebuild reads only the stored rows of the payload types its projections handle (that the
 * rows it reads rebuild the same model is proven by {@code ReplayContract}).
 */
class SubscribingRebuildTest {

    @Test
    void eachSubscribingModelReadsTheTypesItsProjectionsHandleAndNoRowVerdicts() {
        ReadModelProcessors.SUBSCRIBING.values().forEach(model -> {
            Set<String> types = SubscribingRebuild.storedTypesHandled(model).orElseThrow();
            assertThat(types).as(model.processor()).isNotEmpty().doesNotContain(RowValidated.class.getName());
        });
        assertThat(SubscribingRebuild.storedTypesHandled(ReadModelProcessors.SUBSCRIBING.get("credentials"))
                                     .orElseThrow())
                .contains(UserRegistered.class.getName(), PasswordChanged.class.getName());
    }

    @Test
    void aHandlerOfASupertypeMakesTheRebuildReadEveryEvent() {
        var model = new ReadModelProcessors.SubscribingReadModel("any", java.util.List.of(EveryEvent.class));
        assertThat(SubscribingRebuild.storedTypesHandled(model)).isEmpty();
    }

    static class EveryEvent {
        @org.axonframework.eventhandling.EventHandler
        void on(Object event) {
        }
    }
}
