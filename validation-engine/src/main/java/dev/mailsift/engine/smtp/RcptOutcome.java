package dev.mailsift.engine.smtp;

import java.util.Locale;
import java.util.regex.Pattern;

/** What an RCPT TO reply (or its absence) means for the mailbox. */
public enum RcptOutcome {
    ACCEPTED, NOT_FOUND, MAILBOX_FULL, BLOCKED, TRANSIENT, TIMEOUT, ERROR, TOO_MANY_RECIPIENTS;

    private static final Pattern BLOCK_WORDS = Pattern.compile(
            "spam|block|blacklist|blocklist|denylist|policy|reputation|not permitted|rbl|spamhaus|banned|"
                    + "refused|abuse|relay|authenticat|reverse dns|ptr|helo|client host|sender", Pattern.CASE_INSENSITIVE);
    private static final Pattern FULL_WORDS = Pattern.compile("quota|mailbox (is )?full|over ?limit|insufficient storage|storage",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern UNKNOWN_WORDS = Pattern.compile(
            "unknown|not exist|doesn't exist|does not exist|no such|invalid|not found|unavailable|disabled|"
                    + "no mailbox|mailbox not|user not|recipient not|address rejected|inactive|deactivated",
            Pattern.CASE_INSENSITIVE);

    /** Classification by reply code and enhanced status code first, text only when there is no enhanced code. */
    public static RcptOutcome classify(SmtpReply r) {
        int code = r.code();
        String esc = r.enhanced();
        String text = r.text().toLowerCase(Locale.ROOT);
        if (code == 250 || code == 251) {
            return ACCEPTED;
        }
        if (code >= 200 && code < 400) {
            return ERROR; // 252 and friends: the server will not tell
        }
        if (esc != null) {
            String subject = esc.substring(2);
            if (subject.equals("2.2")) {
                return MAILBOX_FULL;
            }
            if (code == 452 && subject.equals("5.3")) {
                return TOO_MANY_RECIPIENTS;
            }
            if (code >= 400) {
                if (code < 500) {
                    return TRANSIENT;
                }
            }
            if (subject.startsWith("7.") || subject.equals("1.7") || subject.equals("1.8")) {
                // x.7.x security/policy; x.1.7 / x.1.8 are about our sender address, not the mailbox
                return BLOCKED;
            }
            if (subject.startsWith("1.") || subject.equals("2.1")) {
                // x.1.x addressing; 5.2.1 mailbox disabled. A 5.1.x that speaks of policy is a block.
                return BLOCK_WORDS.matcher(text).find() && !UNKNOWN_WORDS.matcher(text).find() ? BLOCKED : NOT_FOUND;
            }
            if (subject.startsWith("2.")) {
                return NOT_FOUND;
            }
            return ERROR;
        }
        if (code == 452 && text.contains("too many recipients")) {
            return TOO_MANY_RECIPIENTS;
        }
        if (code >= 400 && code < 500) {
            return FULL_WORDS.matcher(text).find() ? MAILBOX_FULL : TRANSIENT;
        }
        if (BLOCK_WORDS.matcher(text).find() && !UNKNOWN_WORDS.matcher(text).find()) {
            return BLOCKED;
        }
        if (code == 552 || FULL_WORDS.matcher(text).find()) {
            return MAILBOX_FULL;
        }
        if (code == 550 || code == 551 || code == 553) {
            return NOT_FOUND;
        }
        if (code == 554) {
            return BLOCKED;
        }
        return ERROR;
    }
}
