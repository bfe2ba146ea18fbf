package dev.mailsift.web.billing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BillingMailTest {

    @Test
    void spendingWarnsOnlyWhenItTakesTheBalanceFromAtOrAboveTheThresholdToBelowIt() {
        assertThat(BillingMail.crossesBelow(120, 30, 50)).isTrue();
        assertThat(BillingMail.crossesBelow(50, 49, 50)).isTrue();
        assertThat(BillingMail.crossesBelow(49, 10, 50)).isFalse(); // already below: warned when it crossed
        assertThat(BillingMail.crossesBelow(200, 50, 50)).isFalse(); // not below yet
        assertThat(BillingMail.crossesBelow(120, 0, 0)).isFalse(); // warnings turned off
    }

    @Test
    void pricesAreShownInTheCurrencysOwnMinorUnits() {
        assertThat(BillingMail.price(900, "usd")).isEqualTo("9.00 USD");
        assertThat(BillingMail.price(24900, "eur")).isEqualTo("249.00 EUR");
        assertThat(BillingMail.price(1500, "jpy")).isEqualTo("1500 JPY");
    }
}
