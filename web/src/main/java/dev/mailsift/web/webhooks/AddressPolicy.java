package dev.mailsift.web.webhooks;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which addresses webhooks may be sent to: public unicast ones, plus any network listed in
 * {@code mailsift.webhooks.allowed-private-networks}. Used at registration (on the URL's host) and at every send
 * (on the addresses the name resolves to, which are the only ones the connection may use).
 */
final class AddressPolicy {

    /** Four decimal parts 0-255 without leading zeros: the only numeric IPv4 spelling accepted. */
    private static final Pattern CANONICAL_IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    /** Looks numeric to some resolver: digits, dots and hexadecimal parts only (2130706433, 0177.0.0.1, 0x7f.1). */
    private static final Pattern NUMERIC_LOOKING = Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]*))*\\.?");

    private static final List<Cidr> REFUSED = Arrays.stream(new String[]{
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8", "2001:db8::/32"})
            .map(Cidr::parse).toList();

    private final List<Cidr> allowedPrivate;
    private final Resolver resolver;

    /** How a host name becomes addresses: the system's resolver, or in tests one that answers what it is told. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    AddressPolicy(List<String> allowedPrivateNetworks) {
        this(allowedPrivateNetworks, InetAddress::getAllByName);
    }

    AddressPolicy(List<String> allowedPrivateNetworks, Resolver resolver) {
        this.allowedPrivate = allowedPrivateNetworks.stream().map(Cidr::parse).toList();
        this.resolver = resolver;
    }

    /**
     * Why a host name as written in a URL is refused, or {@code null}: numeric spellings other than dotted
     * decimal are refused outright (resolvers disagree on what {@code 0177.0.0.1} means), literal addresses are
     * classified like resolved ones.
     */
    String refusalOfHost(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            return refusalOf(literal(name.substring(1, name.length() - 1)));
        }
        if (CANONICAL_IPV4.matcher(name).matches()) {
            return refusalOf(literal(name));
        }
        if (isOddNumericSpelling(name)) {
            return "the host is a numeric address not written as four decimal parts";
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return refusalOf(InetAddress.getLoopbackAddress());
        }
        return null;
    }

    private static boolean isOddNumericSpelling(String name) {
        return !CANONICAL_IPV4.matcher(name).matches() && NUMERIC_LOOKING.matcher(name).matches();
    }

    /** Why sending to this address is refused, or {@code null} when it is allowed. */
    String refusalOf(InetAddress address) {
        InetAddress effective = embeddedIpv4(address);
        for (Cidr allowed : allowedPrivate) {
            if (allowed.contains(effective) || allowed.contains(address)) {
                return null;
            }
        }
        for (Cidr refused : REFUSED) {
            if (refused.contains(effective)) {
                return "the address " + address.getHostAddress() + " is in the non-public network " + refused;
            }
        }
        return null;
    }

    /**
     * Whether the address is public, whatever networks the operator allowed: a receiver's answer is shown in the
     * delivery log only from public addresses, so the log cannot be used to read a private network's pages.
     */
    boolean isPublic(InetAddress address) {
        InetAddress effective = embeddedIpv4(address);
        return REFUSED.stream().noneMatch(refused -> refused.contains(effective));
    }

    /** Resolves a name and keeps only the allowed addresses; refuses when none is left. */
    InetAddress[] resolveAllowed(String host) throws UnknownHostException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (isOddNumericSpelling(name.toLowerCase(Locale.ROOT))) {
            throw new RefusedAddressException(host, "the host is a numeric address not written as four decimal parts");
        }
        InetAddress[] all = resolver.resolve(name);
        InetAddress[] allowed = Arrays.stream(all).filter(address -> refusalOf(address) == null)
                                      .toArray(InetAddress[]::new);
        if (allowed.length == 0) {
            throw new RefusedAddressException(host, refusalOf(all[0]));
        }
        return allowed;
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible or NAT64 IPv6 address; else the address itself. */
    static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] bytes = address.getAddress();
        boolean mapped = isZero(bytes, 0, 10) && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
        boolean compatible = isZero(bytes, 0, 12) && !isZero(bytes, 12, 16)
                && !(isZero(bytes, 12, 15) && bytes[15] == 1);
        boolean nat64 = (bytes[0] & 0xff) == 0x00 && (bytes[1] & 0xff) == 0x64 && (bytes[2] & 0xff) == 0xff
                && (bytes[3] & 0xff) == 0x9b && isZero(bytes, 4, 12);
        if (mapped || compatible || nat64) {
            try {
                return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return address;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Parses an address literal without any name lookup. */
    static InetAddress literal(String text) {
        try {
            if (text.contains(":") || CANONICAL_IPV4.matcher(text).matches()) {
                return InetAddress.getByName(text); // a literal: no lookup happens
            }
        } catch (UnknownHostException e) {
            // fall through
        }
        throw new IllegalArgumentException("not an address literal: " + text);
    }

    /** A network in CIDR notation. */
    record Cidr(byte[] network, int prefix, String text) {

        static Cidr parse(String cidr) {
            String[] parts = cidr.strip().split("/");
            InetAddress address = literal(parts[0]);
            int bits = address.getAddress().length * 8;
            int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : bits;
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("bad prefix length in " + cidr);
            }
            return new Cidr(address.getAddress(), prefix, cidr.strip());
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (bytes[full] & mask) == (network[full] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The name resolves to no address a webhook may be sent to. */
    static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String host, String reason) {
            super("refused to send to " + host + ": " + reason);
        }
    }
}
