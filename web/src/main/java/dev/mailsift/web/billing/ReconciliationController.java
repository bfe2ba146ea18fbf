package dev.mailsift.web.billing;

import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.problem.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators run the reconciliation sweep at once (ADMIN only, enforced by the security configuration): after an
 * outage of the webhook endpoint, say, rather than wait for the next scheduled sweep.
 */
@RestController
class ReconciliationController {

    private final StripeReconciliation reconciliation;

    ReconciliationController(StripeReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @Operation(summary = "Reconcile with Stripe now",
            description = "Operators only. Asks Stripe for the lookback window's undelivered events, completed "
                    + "checkouts and paid invoices and fulfils what no delivery brought, once (as the scheduled "
                    + "sweep does). Answers what was read and how much of it was recorded for the first time.")
    @ProblemResponse(status = 503, type = ProblemType.BILLING_NOT_CONFIGURED,
            when = "This service has no Stripe key.")
    @ProblemResponse(status = 502, type = ProblemType.PAYMENT_PROVIDER_FAILED,
            when = "Stripe refused or did not answer; retry.")
    @PostMapping("/api/v1/admin/billing/reconcile")
    StripeReconciliation.Sweep reconcile() {
        return reconciliation.sweep();
    }
}
