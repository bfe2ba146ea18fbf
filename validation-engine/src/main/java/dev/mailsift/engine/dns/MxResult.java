package dev.mailsift.engine.dns;

import java.util.List;

/**
 * Where a domain's mail goes.
 *
 * @param kind     what DNS said
 * @param hosts    MX hosts in preference order (equal preferences shuffled); for an implicit MX the domain itself
 * @param implicit no MX records, but the domain has A/AAAA records (RFC 5321 §5.1 fallback)
 * @param detail   human-readable detail (rcode, error)
 */
public record MxResult(Kind kind, List<String> hosts, boolean implicit, String detail) {

    public enum Kind {
        /** At least one usable mail host. */
        OK,
        /** RFC 7505: a single MX of preference 0 and target ".". */
        NULL_MX,
        /** The name exists but has neither MX nor address records. */
        NO_MX,
        /** NXDOMAIN. */
        NO_DOMAIN,
        /** SERVFAIL, REFUSED, timeout or other failure: we cannot tell. */
        ERROR
    }

    public static MxResult of(Kind kind, String detail) {
        return new MxResult(kind, List.of(), false, detail);
    }

    public String primaryHost() {
        return hosts.isEmpty() ? null : hosts.get(0);
    }
}
