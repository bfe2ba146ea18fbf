package dev.mailsift.web.accounts;

/**
 * Password length bounds (NIST SP 800-63B: at least 8, allow long passphrases). The upper bound keeps bcrypt's
 * 72-byte input window meaningful and the hashing cost bounded.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 72;
    static final String LENGTH_MESSAGE = "must be between 10 and 72 characters";

    private PasswordPolicy() {
    }
}
