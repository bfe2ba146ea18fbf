package dev.mailsift.engine;

import dev.mailsift.engine.dns.MxResult;
import dev.mailsift.engine.smtp.SmtpProber;
import dev.mailsift.engine.syntax.Providers;
import dev.mailsift.engine.syntax.SyntaxResult;

/**
 * How the syntax, list, DNS and SMTP outcomes for an address become its status, reason and flags. {@code unknown}
 * is never a guess: whatever says nothing about the mailbox (a refusal of the prober, a timeout, no probe) is
 * {@code unknown}, which is free.
 */
final class VerdictPolicy {

    /** The same status, reason and detail for every address of a domain. */
    record DomainRuling(Status status, Reason reason, String mxHost, String detail) {
    }

    private VerdictPolicy() {
    }

    /** Decided from the address alone: an undelegated top-level domain is not a misspelling. */
    static Verdict invalidAddress(AddressAnalysis address) {
        SyntaxResult syntax = address.syntax;
        if (syntax.wellFormed()) {
            return address.verdict(Status.UNDELIVERABLE, Reason.UNKNOWN_TLD, false, false, null, null,
                    "top-level domain ." + topLevelDomain(syntax) + " is not delegated in the root zone");
        }
        return address.verdict(Status.UNDELIVERABLE, Reason.BAD_SYNTAX, false, false, null, null,
                "syntax: " + syntax.error().code());
    }

    static Verdict addressLiteral(AddressAnalysis address) {
        return address.verdict(Status.RISKY, Reason.ADDRESS_LITERAL, false, false, null, null,
                "domain is an address literal");
    }

    /** Offline, only the lists and the syntax decide; the rest is not checked. */
    static Verdict offline(AddressAnalysis address) {
        if (address.disposable) {
            return address.verdict(Status.RISKY, Reason.DISPOSABLE, false, false, null, null, "known disposable domain");
        }
        if (address.syntax.quotedLocal()) {
            return address.verdict(Status.RISKY, Reason.QUOTED_LOCAL_PART, false, false, null, null, "quoted local part");
        }
        return address.verdict(Status.UNKNOWN, Reason.NOT_CHECKED, false, false, null, null,
                "offline: mailbox not checked");
    }

    /** What DNS and the lists decide for a whole domain, or null when an SMTP probe must decide. */
    static DomainRuling beforeProbe(MxResult mx, boolean disposable, boolean smtpProbe) {
        String mxHost = mx.primaryHost();
        return switch (mx.kind()) {
            case NO_DOMAIN -> new DomainRuling(Status.UNDELIVERABLE, Reason.NO_DOMAIN, null, "domain does not exist (NXDOMAIN)");
            case NULL_MX -> new DomainRuling(Status.UNDELIVERABLE, Reason.NULL_MX, null, "domain accepts no mail (null MX)");
            case NO_MX -> new DomainRuling(Status.UNDELIVERABLE, Reason.NO_MX, null, mx.detail());
            case ERROR -> new DomainRuling(Status.UNKNOWN, Reason.DNS_ERROR, null, mx.detail());
            case OK -> {
                if (disposable) {
                    yield new DomainRuling(Status.RISKY, Reason.DISPOSABLE, mxHost, "known disposable domain");
                }
                if (!smtpProbe) {
                    // The domain takes mail; whether the mailbox exists was not asked, so we cannot tell (and do not charge).
                    yield new DomainRuling(Status.UNKNOWN, Reason.NOT_CHECKED, mxHost, "mailbox not probed (SMTP probing is off)");
                }
                yield null;
            }
        };
    }

    /** A failure of ours says nothing about the mailboxes. */
    static DomainRuling internalError(RuntimeException failure) {
        return new DomainRuling(Status.UNKNOWN, Reason.SMTP_ERROR, null, "internal error: " + failure);
    }

    /**
     * The RCPT answer decides; an accepted address is still risky where any address would be accepted, or where
     * the quoted local part or the role account makes mail to it doubtful.
     */
    static Verdict afterProbe(AddressAnalysis address, SmtpProber.RcptResult rcpt, boolean catchAll, String provider) {
        String mxHost = rcpt.mxHost();
        String mailProvider = provider != null ? provider : Providers.byMxHost(mxHost);
        String detail = rcpt.detail();
        return switch (rcpt.outcome()) {
            case ACCEPTED -> {
                if (catchAll) {
                    yield address.verdict(Status.RISKY, Reason.CATCH_ALL, true, false, mxHost, mailProvider,
                            "domain accepts any address: " + detail);
                }
                if (address.syntax.quotedLocal()) {
                    yield address.verdict(Status.RISKY, Reason.QUOTED_LOCAL_PART, false, false, mxHost, mailProvider, detail);
                }
                if (address.role) {
                    yield address.verdict(Status.RISKY, Reason.ROLE_ACCOUNT, false, false, mxHost, mailProvider, detail);
                }
                yield address.verdict(Status.DELIVERABLE, Reason.ACCEPTED, false, false, mxHost, mailProvider, detail);
            }
            case NOT_FOUND -> address.verdict(Status.UNDELIVERABLE, Reason.MAILBOX_NOT_FOUND, catchAll, false, mxHost, mailProvider, detail);
            case MAILBOX_FULL -> address.verdict(Status.RISKY, Reason.MAILBOX_FULL, catchAll, true, mxHost, mailProvider, detail);
            case BLOCKED -> address.verdict(Status.UNKNOWN, Reason.BLOCKED, catchAll, false, mxHost, mailProvider, detail);
            case TRANSIENT, TOO_MANY_RECIPIENTS -> address.verdict(Status.UNKNOWN, Reason.GREYLISTED, catchAll, false, mxHost, mailProvider, detail);
            case TIMEOUT -> address.verdict(Status.UNKNOWN, Reason.SMTP_TIMEOUT, catchAll, false, mxHost, mailProvider, detail);
            case ERROR -> address.verdict(Status.UNKNOWN, Reason.SMTP_ERROR, catchAll, false, mxHost, mailProvider, detail);
        };
    }

    private static String topLevelDomain(SyntaxResult syntax) {
        return syntax.unicodeDomain().substring(syntax.unicodeDomain().lastIndexOf('.') + 1);
    }
}
