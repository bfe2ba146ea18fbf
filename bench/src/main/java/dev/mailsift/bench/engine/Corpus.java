package dev.mailsift.bench.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in correctness corpus, labelled by what mail delivery accepts (RFC 5321/5322, RFC 6531/6532,
 * IDNA 2008 / UTS #46, a delegated TLD). Written for MailSift from the RFCs' grammar (no third-party data).
 * More corpora can be given at run time: one address per line (or the first CSV column), see bench/README.md.
 */
public final class Corpus {

    public static final List<String> VALID = List.of(
            "simple@example.com", "very.common@example.com", "x@example.com", "long.email-address-with-hyphens@and.subdomains.example.com",
            "user.name+tag+sorting@example.com", "name/surname@example.com", "admin@mailserver1.example.org",
            "mailhost!username@example.org", "user%example.com@example.org", "user-@example.org", "1234567890@example.com",
            "!#$%&'*+-/=?^_`{|}~@example.com", "a@b.co", "UPPER.CASE@EXAMPLE.COM", "first_last@sub.example.co.uk",
            "o'reilly@example.ie", "test@123.com", "test@xn--bcher-kva.de", "test@bücher.de", "jöhn@example.com",
            "用户@例子.中国", "медведь@с-балалайкой.рф", "संपर्क@डाटामेल.भारत", "二ノ宮@黒川.みんな", "θσερ@εχαμπλε.ελ",
            "pelé@example.com", "\"john doe\"@example.com", "\"a@b\"@example.org", "\"quoted\\\"escape\"@example.com",
            "user@[192.168.2.1]", "user@[IPv6:2001:db8::1]", "a.b.c.d.e@example.net", "x@x-y.example.dev",
            "customer/department=shipping@example.com", "$A12345@example.com", "!def!xyz%abc@example.com",
            "_somename@example.com", "a".repeat(64) + "@example.com", "z@" + "d".repeat(63) + ".com",
            "test@sub-domain.example.io", "test.email+alias@gmail.com", "firstname.o'lastname@domain.com",
            "email@domain-one.com", "email@domain.name", "email@domain.co.jp", "firstname-lastname@domain.com",
            "user@mail.example.museum", "user@example.photography", "t@t.tt", "info@xn--80ak6aa92e.com");

    public static final List<String> INVALID = List.of(
            "", "plainaddress", "@example.com", "Abc.example.com", "A@b@c@example.com", "john..doe@example.com",
            ".john@example.com", "john.@example.com", "john@example..com", "john@.example.com", "john@example.com.",
            "a\"b(c)d,e:f;g<h>i[j\\k]l@example.com", "just\"not\"right@example.com", "this is\"not\\allowed@example.com",
            "this\\ still\\\"not\\\\allowed@example.com", "john(comment)@example.com", "john@example.com (comment)",
            "Joe Smith <email@example.com>", "<email@example.com>", "email@example.com <x>", "email@example",
            "email@localhost", "email@-example.com", "email@example-.com", "email@exa_mple.com", "email@111.222.333.44444",
            "email@example.notatld", "email@example.123", "email@[300.1.1.1]", "email@[1.2.3]", "email@[IPv6:1::2::3]",
            "email@[tag:content]", "a".repeat(65) + "@example.com", "z@" + "d".repeat(64) + ".com",
            "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + ".com",
            "jo\u0000hn@example.com", "john\r\n@example.com", "jo\u200Bhn@example.com", "jo\u202Ehn@example.com",
            "jo\uFEFFhn@example.com", "jo\u00A0hn@example.com", " john@example.com", "john@example.com ",
            "john@exa\u200Bmple.com", "john@ab--cd.com", "john@xn--a.com", "email@example@example.com",
            "あいうえお@example.com@", "email@.", "@", "a@", "a@.com", "a@b.", "john doe@example.com",
            "john@example com", "john@exam ple.com", "\"unterminated@example.com", "john\"@example.com",
            "mailto:john@example.com", "john@example.c", "john@-.com", "john@example.com\u0000", "john@@example.com",
            "\u202Ejohn@example.com", "john@\u05D0a.com", "john@[127.0.0.1", "john@example.invalid", "john@test",
            "john@example.local", "john@example.localhost");

    private Corpus() {
    }

    /** One address per line, taken verbatim (no CSV unquoting). Blank lines are skipped. */
    public static List<String> load(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }
}
