package dev.mailsift.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Turn on two-factor sign-in (RFC 6238 TOTP) once the user has proved their authenticator works.
 *
 * @param encryptedSecret    the shared secret, encrypted under a server key (never in clear text)
 * @param recoveryCodeHashes keyed hashes of the one-time recovery codes shown to the user once
 */
public record EnableTotp(@TargetAggregateIdentifier String userId, String encryptedSecret,
                         List<String> recoveryCodeHashes) {
}
