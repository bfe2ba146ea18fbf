package dev.mailsift.engine.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailsift.engine.syntax.EmailSyntax;
import org.junit.jupiter.api.Test;

class EmailExtractorTest {

    @Test
    void aMailtoIsPercentDecodedAndLosesItsQuery() {
        assertThat(EmailExtractor.extract("mailto:j%C3%B6rg@example.org?subject=hi")).isEqualTo("jörg@example.org");
        assertThat(EmailExtractor.extract("MAILTO:a+b@example.org")).isEqualTo("a+b@example.org");
        assertThat(EmailExtractor.extract("\"Jane\" <mailto:jane%40x@example.org>")).isEqualTo("jane@x@example.org");
    }

    @Test
    void aMailtoWithAMalformedEscapeIsKeptAsWrittenAndFailsSyntax() {
        for (String cell : new String[] {"mailto:a%zzb@example.com", "mailto:%", "mailto:x%4", "mailto:x%4@example.com?subject=%zz"}) {
            String address = EmailExtractor.extract(cell);
            assertThat(address).as(cell).isEqualTo(cell);
            assertThat(EmailSyntax.standard().isValid(address)).as(cell).isFalse();
        }
        assertThat(EmailExtractor.extract("Jane <mailto:a%zz@example.org>")).isEqualTo("mailto:a%zz@example.org");
        assertThat(EmailExtractor.looksLikeEmail("mailto:a%zzb@example.com")).isTrue();
    }
}
