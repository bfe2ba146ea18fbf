package dev.mailsift.engine;

import dev.mailsift.engine.syntax.Providers;
import dev.mailsift.engine.syntax.SyntaxResult;

/** What the address alone and the lists say about one input; {@link #finalVerdict} is set when that is enough. */
final class AddressAnalysis {
    final String email;
    final SyntaxResult syntax;
    final String normalized;
    final String suggestion;
    final boolean disposable;
    final boolean role;
    final boolean free;
    Verdict finalVerdict;

    AddressAnalysis(String email, SyntaxResult syntax, String normalized, String suggestion, boolean disposable,
                    boolean role, boolean free) {
        this.email = email;
        this.syntax = syntax;
        this.normalized = normalized;
        this.suggestion = suggestion;
        this.disposable = disposable;
        this.role = role;
        this.free = free;
    }

    /** A verdict carrying this address's facts; without a provider from the MX, the domain names it. */
    Verdict verdict(Status status, Reason reason, boolean catchAll, boolean full, String mxHost, String provider,
                    String detail) {
        return new Verdict(email, status, reason, syntax.wellFormed(), normalized, suggestion, disposable, role, free,
                catchAll, full, syntax.smtputf8(), mxHost,
                provider != null ? provider : syntax.valid() ? Providers.byDomain(syntax.asciiDomain()) : null, detail);
    }
}
