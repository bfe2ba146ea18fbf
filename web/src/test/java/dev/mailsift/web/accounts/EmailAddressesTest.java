package dev.mailsift.web.accounts;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EmailAddressesTest {

    @Test
    void spellingsOfOneMailboxNormaliseToOneAddress() {
        List<String> spellings = List.of("jos\u00e9@example.com", "jose\u0301@example.com", " JOS\u00c9@Example.COM ",
                "jos\u00e9@example\uff0ecom", "jos\u00e9@EXAMPLE\u3002COM");
        assertThat(spellings).allSatisfy(spelling ->
                assertThat(EmailAddresses.normalise(spelling)).contains("jos\u00e9@example.com"));
    }

    @Test
    void internationalDomainsKeepTheirUnicodeForm() {
        assertThat(EmailAddresses.normalise("ada@B\u00dcCHER.example")).contains("ada@b\u00fccher.example");
    }

    @Test
    void invisibleFormattingAndControlCharactersHaveNoNormalForm() {
        for (String twin : List.of("ops\u200b@mailsift.test", "ops\u200c@mailsift.test", "ops\u200d@mailsift.test",
                "\u202eops@mailsift.test", "ops@mail\u2066sift.test", "\ufeffops@mailsift.test",
                "ops\u00ad@mailsift.test", "ops\u0007@mailsift.test", "ops\u200e@mailsift.test")) {
            assertThat(EmailAddresses.normalise(twin)).as(twin.codePoints().boxed().toList().toString()).isEmpty();
        }
    }

    @Test
    void aDomainIdnaRefusesHasNoNormalForm() {
        assertThat(EmailAddresses.normalise("ops@" + "a".repeat(64) + ".example")).isEmpty();
    }
}
