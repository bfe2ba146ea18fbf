package dev.mailsift.engine;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a verdict has its status; serialised as a lower-case snake code. */
public enum Reason {
    /** The mailbox accepted RCPT and the domain is not catch-all. */
    ACCEPTED,
    /** 5.1.x: the mailbox does not exist. */
    MAILBOX_NOT_FOUND,
    /** The domain exists but has neither MX nor A/AAAA records. */
    NO_MX,
    /** RFC 7505 null MX: the domain says it accepts no mail. */
    NULL_MX,
    /** NXDOMAIN. */
    NO_DOMAIN,
    BAD_SYNTAX,
    /** Written correctly, but the top-level domain is not delegated in the root zone: no mail can reach it. */
    UNKNOWN_TLD,
    /** The domain accepts any local part, so acceptance proves nothing. */
    CATCH_ALL,
    DISPOSABLE,
    ROLE_ACCOUNT,
    /** 5.2.2 / 4.2.2: the mailbox exists but is over quota. */
    MAILBOX_FULL,
    /** 4xx still after the retry. */
    GREYLISTED,
    SMTP_TIMEOUT,
    /** No MX host could be reached or the session broke before an answer. */
    SMTP_ERROR,
    /** SERVFAIL, REFUSED or DNS timeout. */
    DNS_ERROR,
    /** 5.7.x or other policy refusal of us, not of the mailbox. */
    BLOCKED,
    /** Valid syntax with a domain literal ([IPv4] / [IPv6:...]). */
    ADDRESS_LITERAL,
    /** Valid syntax with a quoted local part. */
    QUOTED_LOCAL_PART,
    /** Offline mode: syntax and lists were checked, the mailbox was not. */
    NOT_CHECKED;

    /** Lower-case once: it is written for every verdict. */
    private final String code = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String code() {
        return code;
    }

    public static Reason fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
