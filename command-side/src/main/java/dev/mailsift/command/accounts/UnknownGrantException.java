package dev.mailsift.command.accounts;

/**
 * A revocation names a grant the account does not have (yet): the purchase's own report may still be on its way,
 * so the caller retries rather than dropping it.
 */
public class UnknownGrantException extends RuntimeException {

    public UnknownGrantException(String grantId) {
        super("no grant " + grantId + " on this account (yet)");
    }
}
