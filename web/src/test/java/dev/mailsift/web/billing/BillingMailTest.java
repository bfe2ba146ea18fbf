package dev.mailsift.web.billing;

import dev.mailsift.api.user.CreditsReserved;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BillingMailTest {

    @Test
    void spendingWarnsOnlyWhenItTakesTheBalanceFromAtOrAboveTheThresholdToBelowIt() {
        LowCreditThreshold fifty = new LowCreditThreshold(50);
        assertThat(fifty.crossesBelow(120, 30)).isTrue();
        assertThat(fifty.crossesBelow(50, 49)).isTrue();
        assertThat(fifty.crossesBelow(49, 10)).isFalse(); // already below: warned when it crossed
        assertThat(fifty.crossesBelow(200, 50)).isFalse(); // not below yet
        assertThat(new LowCreditThreshold(0).crossesBelow(120, 0)).isFalse(); // warnings turned off
        assertThat(fifty.crossedBy(new CreditsReserved("u1", "job-1", 70, 30, 70, Instant.EPOCH))).isTrue();
        assertThat(fifty.crossedBy(new CreditsReserved("u1", "job-2", 10, 20, 80, Instant.EPOCH))).isFalse();
    }

    @Test
    void pricesAreShownInTheCurrencysOwnMinorUnits() {
        assertThat(BillingMail.price(900, "usd")).isEqualTo("9.00 USD");
        assertThat(BillingMail.price(24900, "eur")).isEqualTo("249.00 EUR");
        assertThat(BillingMail.price(1500, "jpy")).isEqualTo("1500 JPY");
    }
}
