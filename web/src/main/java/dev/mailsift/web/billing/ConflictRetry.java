package dev.mailsift.web.billing;

import org.axonframework.modelling.command.ConcurrencyException;

import java.util.function.Supplier;

/**
 * Billing's commands record facts idempotently, so when another node appended to the same customer at the same
 * moment (the event store refuses the second append), sending the command again is safe and lets a Stripe report
 * or a checkout succeed rather than answer 409.
 */
final class ConflictRetry {

    private static final int ATTEMPTS = 4;

    private ConflictRetry() {
    }

    static <T> T send(Supplier<T> command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return command.get();
            } catch (ConcurrencyException anotherNodeAppendedFirst) {
                if (attempt == ATTEMPTS) {
                    throw anotherNodeAppendedFirst;
                }
                try {
                    Thread.sleep(20L * attempt);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw anotherNodeAppendedFirst;
                }
            }
        }
    }
}
