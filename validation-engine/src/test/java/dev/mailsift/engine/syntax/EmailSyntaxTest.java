package dev.mailsift.engine.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailSyntaxTest {

    private final EmailSyntax syntax = EmailSyntax.standard();

    @ParameterizedTest
    @ValueSource(strings = {
            "simple@example.com", "very.common@example.com", "x@example.com", "long.email-address-with-hyphens@and.subdomains.example.com",
            "user.name+tag+sorting@example.com", "name/surname@example.com", "admin@mailserver1.example.org",
            "example@s.example.org", "mailhost!username@example.org", "user%example.com@example.org", "user-@example.org",
            "!#$%&'*+-/=?^_`{|}~@example.com", "1234567890@example.com", "a@b.co", "UPPER@EXAMPLE.COM",
            "jöhn@example.com", "用户@例子.中国", "θσερ@εχαμπλε.ελ", "Pelé@example.com", "δοκιμή@παράδειγμα.ελ",
            "我買@屋企.香港", "二ノ宮@黒川.みんな", "медведь@с-балалайкой.рф", "संपर्क@डाटामेल.भारत",
            "user@xn--bcher-kva.de", "user@bücher.de", "user@sub.xn--p1ai",
            "user@example.ab-cd.com", "a@1.2.3.example.net", "user@123.com"})
    void valid(String address) {
        assertThat(syntax.parse(address).error()).as(address).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|empty",
            "plainaddress|no_at_sign",
            "@example.com|empty_local_part",
            "john..doe@example.com|consecutive_dots",
            ".john@example.com|dot_at_start_or_end",
            "john.@example.com|dot_at_start_or_end",
            "a@b@c.example.com|multiple_at_signs",
            "a\"b(c)d,e:f;g<h>i[j\\k]l@example.com|bad_local_part_char",
            "just\"not\"right@example.com|bad_local_part_char",
            "this is\"not\\allowed@example.com|whitespace",
            "john(comment)@example.com|comment",
            "john@example.com(comment)|comment",
            "Joe <joe@example.com>|whitespace",
            "<joe@example.com>|display_name_or_brackets",
            "john@|empty_domain",
            "john@example|no_dot_in_domain",
            "john@localhost|no_dot_in_domain",
            "john@example..com|empty_label",
            "john@.example.com|empty_label",
            "john@example.com.|empty_label",
            "john@-example.com|hyphen_at_label_edge",
            "john@example-.com|hyphen_at_label_edge",
            "john@ex_ample.com|bad_domain_char",
            "john@ab--cd.com|reserved_label",
            "john@example.notatld|unknown_tld",
            "john@example.123|numeric_tld",
            "john@xn--a.com|bad_idn",
            "john@[300.1.1.1]|bad_address_literal",
            "john@[1.2.3]|bad_address_literal",
            "john@[IPv6:1:2:3]|bad_address_literal",
            "john@[IPv6:1::2::3]|bad_address_literal",
            "\"unterminated@example.com|unterminated_quote",
    })
    void invalid(String address, String error) {
        assertThat(syntax.parse(address).error()).as(address).isNotNull();
        assertThat(syntax.parse(address).error().code()).as(address).isEqualTo(error);
    }

    @Test
    void lengthLimitsCountOctets() {
        String local64 = "a".repeat(64);
        assertThat(syntax.isValid(local64 + "@example.com")).isTrue();
        assertThat(syntax.parse("a".repeat(65) + "@example.com").error()).isEqualTo(SyntaxError.LOCAL_PART_TOO_LONG);
        // 32 two-octet characters = 64 octets: fine; 33 = 66 octets: too long although only 33 chars.
        assertThat(syntax.isValid("é".repeat(32) + "@example.com")).isTrue();
        assertThat(syntax.parse("é".repeat(33) + "@example.com").error()).isEqualTo(SyntaxError.LOCAL_PART_TOO_LONG);
        String label63 = "b".repeat(63);
        assertThat(syntax.isValid("a@" + label63 + ".com")).isTrue();
        assertThat(syntax.parse("a@" + "b".repeat(64) + ".com").error()).isEqualTo(SyntaxError.LABEL_TOO_LONG);
        // 254 octets total is the limit (RFC 5321 path limit minus angle brackets).
        String domain = String.join(".", label63, label63, label63.substring(0, 59), "com"); // 63+1+63+1+59+1+3 = 191
        String ok = "a".repeat(62) + "@" + domain; // 62 + 1 + 191 = 254
        assertThat(ok.length()).isEqualTo(254);
        assertThat(syntax.isValid(ok)).isTrue();
        assertThat(syntax.parse("a".repeat(63) + "@" + domain).error()).isEqualTo(SyntaxError.TOO_LONG);
        assertThat(syntax.parse("a".repeat(100_000) + "@example.com").error()).isEqualTo(SyntaxError.TOO_LONG);
    }

    @Test
    void quotedLocalPartsAreValidButFlagged() {
        for (String q : new String[] {"\"john doe\"@example.com", "\"very.(),:;<>[]\\\".VERY.\\\"very@\\\\ \\\"very\\\".unusual\"@strange.example.com",
                "\"\"@example.com", "\"a@b\"@example.com"}) {
            SyntaxResult r = syntax.parse(q);
            assertThat(r.valid()).as(q).isTrue();
            assertThat(r.quotedLocal()).isTrue();
        }
        assertThat(syntax.parse("\"a\tb\"@example.com").error()).isEqualTo(SyntaxError.CONTROL_CHAR);
        assertThat(syntax.parse("\"ab\"c@example.com").error()).isEqualTo(SyntaxError.BAD_LOCAL_PART_CHAR);
    }

    @Test
    void addressLiteralsAreValidButFlagged() {
        for (String a : new String[] {"user@[192.168.2.1]", "user@[IPv6:2001:db8::1]", "user@[IPv6:::1]",
                "user@[IPv6:2001:db8:0:0:0:0:0:1]", "user@[IPv6:::ffff:192.0.2.1]"}) {
            SyntaxResult r = syntax.parse(a);
            assertThat(r.valid()).as(a).isTrue();
            assertThat(r.addressLiteral()).isTrue();
        }
        assertThat(syntax.isValid("user@[IPv6:2001:db8:0:0:0:0:0:0:1]")).isFalse();
        assertThat(syntax.isValid("user@[IPv6:1111:2222:3333:4444:5555:6666:12.34.56.78]")).isTrue();
        assertThat(syntax.isValid("user@[IPv6:a1:a2:a3:a4::11.22.33.44]")).isTrue();
        assertThat(syntax.isValid("user@[IPv6:1:2:3::4:5:6]")).isTrue();
        // RFC 5321: "::" replaces at least two groups, so seven explicit groups with "::" is refused.
        assertThat(syntax.isValid("user@[IPv6:1:2:3::4:5:6:7]")).isFalse();
        assertThat(syntax.isValid("user@[IPv6::a2:a3]")).isFalse();
        assertThat(syntax.isValid("user@[IPv6:a1:::b4]")).isFalse();
        assertThat(syntax.isValid("user@[IPv6:a1::11.22.33]")).isFalse();
        assertThat(syntax.isValid("user@[IPv6:a1::b211.22.33.44]")).isFalse();
        assertThat(syntax.isValid("user@[IPv5:::12.34.56.78]")).isFalse();
        assertThat(syntax.isValid("user@[1.1.23.5f]")).isFalse();
        assertThat(syntax.isValid("user@[123.123.123.123]a")).isFalse();
        assertThat(syntax.isValid("user@[tag:content]")).isFalse();
    }

    @Test
    void controlInvisibleAndBidiCharactersAreRefused() {
        assertThat(syntax.parse("jo\u0000hn@example.com").error()).isEqualTo(SyntaxError.CONTROL_CHAR);
        assertThat(syntax.parse("john\r\n@example.com").error()).isEqualTo(SyntaxError.CONTROL_CHAR);
        assertThat(syntax.parse("jo\u0085hn@example.com").error()).isEqualTo(SyntaxError.CONTROL_CHAR);
        assertThat(syntax.parse("jo\u200Bhn@example.com").error()).isEqualTo(SyntaxError.INVISIBLE_CHAR);
        assertThat(syntax.parse("jo\u00ADhn@example.com").error()).isEqualTo(SyntaxError.INVISIBLE_CHAR);
        assertThat(syntax.parse("jo\uFEFFhn@example.com").error()).isEqualTo(SyntaxError.INVISIBLE_CHAR);
        assertThat(syntax.parse("jo\u202Ehn@example.com").error()).isEqualTo(SyntaxError.BIDI_CONTROL_CHAR);
        assertThat(syntax.parse("jo\u2066hn@example.com").error()).isEqualTo(SyntaxError.BIDI_CONTROL_CHAR);
        assertThat(syntax.parse("jo\u00A0hn@example.com").error()).isEqualTo(SyntaxError.WHITESPACE);
        assertThat(syntax.parse("john@exa\u200Bmple.com").error()).isEqualTo(SyntaxError.INVISIBLE_CHAR);
        assertThat(syntax.parse("john@exa\u202Emple.com").error()).isEqualTo(SyntaxError.BIDI_CONTROL_CHAR);
        assertThat(syntax.parse("jo\uD800hn@example.com").error()).isEqualTo(SyntaxError.BAD_LOCAL_PART_CHAR);
        assertThat(syntax.parse(" john@example.com").error()).isEqualTo(SyntaxError.WHITESPACE);
    }

    @Test
    void idnDomainsMapBothWays() {
        SyntaxResult r = syntax.parse("Test@Bücher.De");
        assertThat(r.asciiDomain()).isEqualTo("xn--bcher-kva.de");
        assertThat(r.unicodeDomain()).isEqualTo("bücher.de");
        assertThat(r.smtputf8()).isFalse();
        SyntaxResult p = syntax.parse("test@XN--BCHER-KVA.de");
        assertThat(p.unicodeDomain()).isEqualTo("bücher.de");
        SyntaxResult u = syntax.parse("медведь@с-балалайкой.рф");
        assertThat(u.smtputf8()).isTrue();
        assertThat(u.asciiDomain()).startsWith("xn--").endsWith(".xn--p1ai");
        assertThat(u.unicodeDomain()).isEqualTo("с-балалайкой.рф");
        // Fullwidth full stop is a label separator under UTS #46.
        assertThat(syntax.parse("a@example\uFF0Ecom").asciiDomain()).isEqualTo("example.com");
        // Bidi rule: mixing RTL and LTR in one label.
        assertThat(syntax.parse("a@\u05D0a.com").error()).isEqualTo(SyntaxError.BAD_IDN);
    }
}
