package dev.mailsift.engine.syntax;

/**
 * Outcome of {@link EmailSyntax#parse(String)}. The parts are null when the address is invalid, except when only
 * its top-level domain is not delegated ({@link #wellFormed()}).
 *
 * @param error          null when valid
 * @param localPart      the local part as given (quotes included for a quoted local part)
 * @param asciiDomain    lower-case A-label form (what DNS is asked); for a literal, the literal with brackets
 * @param unicodeDomain  lower-case U-label form
 * @param quotedLocal    the local part is a quoted string
 * @param addressLiteral the domain is {@code [IPv4]} or {@code [IPv6:...]}
 * @param smtputf8       delivery needs SMTPUTF8 (non-ASCII local part)
 */
public record SyntaxResult(SyntaxError error, String localPart, String asciiDomain, String unicodeDomain,
                           boolean quotedLocal, boolean addressLiteral, boolean smtputf8) {

    static SyntaxResult invalid(SyntaxError error) {
        return new SyntaxResult(error, null, null, null, false, false, false);
    }

    public boolean valid() {
        return error == null;
    }

    /**
     * Valid but for a top-level domain the root zone does not delegate ({@link SyntaxError#UNKNOWN_TLD}): the
     * address is written correctly, yet no mail can reach it.
     */
    public boolean wellFormed() {
        return error == null || error == SyntaxError.UNKNOWN_TLD;
    }
}
