package dev.mailsift.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Open an account. The password arrives already hashed: a clear-text secret never enters a message.
 *
 * @param email        the sign-in address, compared case-insensitively
 * @param passwordHash a one-way hash (bcrypt) of the chosen password
 */
public record RegisterUser(@TargetAggregateIdentifier String userId,
                           String email,
                           String passwordHash,
                           UserRole role) {
}
