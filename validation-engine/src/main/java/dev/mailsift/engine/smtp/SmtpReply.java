package dev.mailsift.engine.smtp;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One (possibly multi-line) SMTP reply with its RFC 3463 enhanced status code when present.
 *
 * @param code     the three-digit reply code
 * @param enhanced e.g. {@code 5.1.1}, or null
 * @param lines    the text of each line, code stripped
 */
public record SmtpReply(int code, String enhanced, List<String> lines) {

    private static final Pattern ENHANCED = Pattern.compile("^([245])\\.(\\d{1,3})\\.(\\d{1,3})(?:\\s|$)");

    static SmtpReply of(int code, List<String> lines) {
        String enhanced = null;
        if (!lines.isEmpty()) {
            Matcher m = ENHANCED.matcher(lines.get(0));
            if (m.find() && m.group(1).charAt(0) == Character.forDigit(code / 100, 10)) {
                enhanced = m.group(1) + "." + m.group(2) + "." + m.group(3);
            }
        }
        return new SmtpReply(code, enhanced, List.copyOf(lines));
    }

    public String text() {
        return String.join(" ", lines);
    }

    public boolean positive() {
        return code >= 200 && code < 400;
    }

    public boolean transientFailure() {
        return code >= 400 && code < 500;
    }

    public boolean permanentFailure() {
        return code >= 500;
    }

    /** e.g. {@code 550 5.1.1 no such user}, trimmed for display. */
    public String summary() {
        String t = code + " " + text();
        return t.length() > 200 ? t.substring(0, 200) : t;
    }
}
