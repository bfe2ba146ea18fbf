package dev.mailsift.engine.syntax;

/** RFC 5321 §4.1.3 address literals: {@code [IPv4]} and {@code [IPv6:...]} (general literals are refused). */
final class AddressLiterals {

    private AddressLiterals() {
    }

    /** Checks s[from, to) — the text between the brackets. */
    static boolean isValid(String s, int from, int to) {
        if (to - from > 5 && s.regionMatches(true, from, "IPv6:", 0, 5)) {
            return isIpv6(s, from + 5, to);
        }
        return isIpv4(s, from, to);
    }

    static boolean isIpv4(String s, int from, int to) {
        int parts = 0;
        int i = from;
        while (i <= to) {
            int start = i;
            int value = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return false;
                }
            }
            if (i == start || value > 255) {
                return false;
            }
            parts++;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != '.') {
                return false;
            }
            i++;
        }
        return parts == 4;
    }

    static boolean isIpv6(String s, int from, int to) {
        String body = s.substring(from, to);
        if (body.isEmpty()) {
            return false;
        }
        int dbl = body.indexOf("::");
        if (dbl >= 0 && body.indexOf("::", dbl + 1) >= 0) {
            return false;
        }
        int groups = 0;
        String[] halves = dbl >= 0 ? new String[] {body.substring(0, dbl), body.substring(dbl + 2)} : new String[] {body};
        for (int h = 0; h < halves.length; h++) {
            String half = halves[h];
            if (half.isEmpty()) {
                continue;
            }
            String[] parts = half.split(":", -1);
            for (int p = 0; p < parts.length; p++) {
                String part = parts[p];
                boolean last = h == halves.length - 1 && p == parts.length - 1;
                if (last && part.indexOf('.') >= 0) {
                    if (!isIpv4(part, 0, part.length())) {
                        return false;
                    }
                    groups += 2;
                    continue;
                }
                if (part.isEmpty() || part.length() > 4) {
                    return false;
                }
                for (int i = 0; i < part.length(); i++) {
                    if (Character.digit(part.charAt(i), 16) < 0) {
                        return false;
                    }
                }
                groups++;
            }
        }
        // RFC 5321 §4.1.3: "::" stands for at least two zero groups, so at most 6 groups besides it
        // (an IPv4 tail counts as two).
        return dbl >= 0 ? groups <= 6 : groups == 8;
    }
}
