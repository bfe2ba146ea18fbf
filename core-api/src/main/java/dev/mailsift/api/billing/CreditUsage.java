package dev.mailsift.api.billing;

import java.time.LocalDate;
import java.util.List;

/** Credits spent per UTC day, one entry for every day asked for (zero included), oldest first. */
public record CreditUsage(List<Day> days) {

    public CreditUsage {
        days = List.copyOf(days);
    }

    public record Day(LocalDate date, long creditsUsed) {
    }
}
