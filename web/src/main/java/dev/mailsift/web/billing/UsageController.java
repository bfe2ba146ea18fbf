package dev.mailsift.web.billing;

import dev.mailsift.api.billing.CreditUsage;
import dev.mailsift.api.billing.FindCreditUsage;
import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
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

    @Operation(summary = "Read credits used per day",
            description = "The credits the caller's jobs and verifications captured per UTC day over the last "
                    + "`days` days (1 to 90, default 30), today included, oldest first; days without spending "
                    + "answer 0.")
    @ProblemResponse(status = 400, type = ProblemType.VALIDATION,
            when = "`days` is not a whole number from 1 to 90.")
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
