package dev.mailsift.web.billing;

import dev.mailsift.api.billing.CreditUsage;
import dev.mailsift.api.billing.FindCreditUsage;
import dev.mailsift.web.platform.security.AuthenticatedUser;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** The credits the caller spent per UTC day over the last days, today included, for the home page's chart. */
@RestController
@Validated
class UsageController {

    private final QueryGateway queries;
    private final Clock clock;

    UsageController(QueryGateway queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping("/api/v1/account/usage")
    Usage usage(@RequestParam(defaultValue = "30") @Min(1) @Max(90) int days,
                @AuthenticationPrincipal AuthenticatedUser caller) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        CreditUsage usage = queries.query(new FindCreditUsage(caller.userId(), today.minusDays(days - 1L), today),
                ResponseTypes.instanceOf(CreditUsage.class)).join();
        return new Usage(usage.days().stream().map(day -> new Day(day.date(), day.creditsUsed())).toList());
    }

    /** @param days one per UTC day, oldest first, days without spending included */
    record Usage(List<Day> days) {
    }

    record Day(LocalDate date, long creditsUsed) {
    }
}
