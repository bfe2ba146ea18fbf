package dev.mailsift.engine.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalizerAndSuggesterTest {

    private static String norm(String s) {
        return Normalizer.normalize(EmailSyntax.standard().parse(s));
    }

    @ParameterizedTest
    @CsvSource({
            "John.Doe+news@GMail.com, johndoe@gmail.com",
            "j.o.h.n@googlemail.com, john@gmail.com",
            "Someone+x@Outlook.com, someone@outlook.com",
            "someone-list@yahoo.com, someone@yahoo.com",
            "Some.One+tag@Example.COM, some.one+tag@example.com",
            "user@XN--BCHER-KVA.de, user@bücher.de",
    })
    void normalizes(String in, String expected) {
        assertThat(norm(in)).isEqualTo(expected);
    }

    @Test
    void quotedLocalPartsAreKeptAndInvalidGivesNull() {
        assertThat(norm("\"John Doe\"@Example.com")).isEqualTo("\"John Doe\"@example.com");
        assertThat(norm("bad..address@example.com")).isNull();
        assertThat(norm("Zoe\u0301@example.com")).isEqualTo(norm("zo\u00e9@example.com")).isEqualTo("zo\u00e9@example.com");
    }

    @ParameterizedTest
    @CsvSource({
            "john, gmial.com, john@gmail.com",
            "john, gmai.com, john@gmail.com",
            "john, gnail.com, john@gmail.com",
            "john, hotmial.com, john@hotmail.com",
            "john, yaho.com, john@yahoo.com",
            "john, outlok.com, john@outlook.com",
            "john, icloud.co, john@icloud.com",
            "john, example.con, john@example.com",
            "john, example.cmo, john@example.com",
    })
    void suggests(String local, String domain, String expected) {
        assertThat(Suggester.suggest(local, domain)).isEqualTo(expected);
    }

    @Test
    void leavesRealDomainsAlone() {
        assertThat(Suggester.suggest("john", "gmail.com")).isNull();
        assertThat(Suggester.suggest("john", "gmx.com")).isNull();
        assertThat(Suggester.suggest("john", "mail.com")).isNull();
        assertThat(Suggester.suggest("john", "example.co")).isNull();
        assertThat(Suggester.suggest("john", "mailsift.dev")).isNull();
    }

    @Test
    void namesProviders() {
        assertThat(Providers.byMxHost("aspmx.l.google.com")).isEqualTo("google");
        assertThat(Providers.byMxHost("example-com.mail.protection.outlook.com.")).isEqualTo("microsoft");
        assertThat(Providers.byMxHost("mx.example.org")).isNull();
        assertThat(Providers.byDomain("gmail.com")).isEqualTo("google");
    }
}
