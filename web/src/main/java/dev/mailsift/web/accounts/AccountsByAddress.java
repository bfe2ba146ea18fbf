package dev.mailsift.web.accounts;

import dev.mailsift.api.user.Credentials;
import dev.mailsift.api.user.FindCredentialsByEmail;
import dev.mailsift.command.accounts.CodeLimitReachedException;
import dev.mailsift.command.accounts.InvalidCodeException;
import dev.mailsift.web.platform.security.RateLimits;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * Accounts as an anonymous caller names them, by address: mailing one of its codes and redeeming a mailed code, each
 * under the address's rate limit, and neither telling the caller whether the address has an account.
 */
@Component
class AccountsByAddress {

    /** The API documentation's words for what {@link #redeemCode} refuses. */
    static final String INVALID_CODE = "The code is wrong, expired, replaced or used, or the address has no account.";
    static final String TOO_MANY_GUESSES = "Too many guesses at this account's codes (10 per 15 minutes); retry after "
            + "`Retry-After` seconds.";
    /** The API documentation's words for what {@link #mailCode} refuses. */
    static final String TOO_MANY_CODES = "Too many codes requested for this address (10 per 15 minutes); retry after "
            + "`Retry-After` seconds.";

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final AccessCodes codes;
    private final RateLimits rateLimits;

    AccountsByAddress(CommandGateway commands, QueryGateway queries, AccessCodes codes, RateLimits rateLimits) {
        this.commands = commands;
        this.queries = queries;
        this.codes = codes;
        this.rateLimits = rateLimits;
    }

    Optional<Credentials> account(String email) {
        // an address stored before addresses were normalised is looked up as stored
        String lookup = EmailAddresses.normalise(email).orElse(email);
        return queries.query(new FindCredentialsByEmail(lookup), ResponseTypes.optionalInstanceOf(Credentials.class))
                      .join();
    }

    /**
     * Mails a code with {@code send} (given the account's user id and address) when the address has an account and
     * the limit on codes allows; says neither.
     */
    void mailCode(String email, BiConsumer<String, String> send) {
        rateLimits.codeRequest(EmailAddresses.normalised(email));
        account(email).ifPresent(account -> {
            try {
                send.accept(account.userId(), account.email());
            } catch (CodeLimitReachedException quietly) {
                // Saying so would tell the caller the address has an account.
            }
        });
    }

    /**
     * Sends the command {@code commandFor} makes of the account's user id and the keyed hash of the {@code purpose}'s
     * {@code code}, as the account's owner: whoever holds the mailed code acts for the mailbox's owner.
     *
     * @return the account
     * @throws InvalidCodeException when the address has no account, as for a wrong code
     */
    Credentials redeemCode(String email, String purpose, String code,
                           BiFunction<String, String, Object> commandFor) {
        rateLimits.codeAttempt(EmailAddresses.normalised(email));
        Credentials account = account(email).orElseThrow(InvalidCodeException::new);
        Object command = commandFor.apply(account.userId(), codes.hash(purpose, account.userId(), code));
        commands.sendAndWait(AccessCodes.as("user:" + account.userId(), command));
        return account;
    }
}
