package dev.mailsift.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Link a sign-in provider's identity (e.g. Google) to the account whose address the provider has verified; the
 * verification also confirms the address.
 *
 * @param provider the registration id ({@code google})
 * @param subject  the provider's stable id of the person ({@code sub})
 * @param email    the address the provider verified
 */
public record LinkExternalIdentity(@TargetAggregateIdentifier String userId, String provider, String subject,
                                   String email) {
}
