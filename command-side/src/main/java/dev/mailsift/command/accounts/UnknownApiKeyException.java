package dev.mailsift.command.accounts;

/** An API key id the user does not have (never someone else's: the two are alike to the caller). */
public class UnknownApiKeyException extends RuntimeException {

    public UnknownApiKeyException(String keyId) {
        super("No API key " + keyId);
    }
}
