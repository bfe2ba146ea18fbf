package dev.mailsift.web.billing;

import com.stripe.model.Invoice;
import dev.mailsift.api.billing.FindSubscription;
import dev.mailsift.api.billing.SubscriptionView;
import dev.mailsift.command.billing.BillingCustomers;
import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.problem.ResourceNotFoundException;
import dev.mailsift.web.platform.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** The caller's subscription and invoices. */
@RestController
@RequestMapping("/api/v1/billing")
class BillingAccountController {

    private final QueryGateway queries;
    private final BillingCustomers customers;
    private final StripeGateway stripe;

    BillingAccountController(QueryGateway queries, BillingCustomers customers, StripeGateway stripe) {
        this.queries = queries;
        this.customers = customers;
        this.stripe = stripe;
    }

    /** The current (or last) subscription; 404 for an account that never subscribed. */
    @Operation(summary = "Read the subscription",
            description = "The caller's current (or last) subscription: plan, status (`active`, `past_due`, "
                    + "`canceled`), plan, period, credits per period, and `cancel_at` when it is set to end rather "
                    + "than renew.")
    @ProblemResponse(status = 404, type = ProblemType.NOT_FOUND,
            when = "The account never subscribed.")
    @GetMapping("/subscription")
    SubscriptionView subscription(@AuthenticationPrincipal AuthenticatedUser caller) {
        SubscriptionView subscription = queries.query(new FindSubscription(caller.userId()),
                ResponseTypes.optionalInstanceOf(SubscriptionView.class)).join().orElse(null);
        if (subscription == null) {
            throw new ResourceNotFoundException("This account has no subscription.");
        }
        return subscription;
    }

    /** Stripe's invoices for the caller, newest first: packs' and plans' alike. None for an account that never paid. */
    @Operation(summary = "List invoices",
            description = "Stripe's invoices for the caller, newest first (packs' and plans' alike); empty for "
                    + "an account that never paid.")
    @ProblemResponse(status = 502, type = ProblemType.PAYMENT_PROVIDER_FAILED,
            when = "Stripe refused or did not answer; nothing was charged; retry.")
    @GetMapping("/invoices")
    Invoices invoices(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
                      @AuthenticationPrincipal AuthenticatedUser caller) {
        List<InvoiceItem> items = customers.customerOf(caller.userId())
                                           .map(customer -> stripe.invoicesOf(customer, limit).stream()
                                                                   .map(InvoiceItem::of).toList())
                                           .orElse(List.of());
        return new Invoices(items);
    }

    record Invoices(List<InvoiceItem> invoices) {
    }

    /**
     * @param amount    the invoice's total in minor units of {@code currency}
     * @param hostedUrl Stripe's page for the invoice (pay, download)
     */
    record InvoiceItem(String id, String number, Instant created, long amount, String currency, String status,
                       String hostedUrl, String pdfUrl) {

        static InvoiceItem of(Invoice invoice) {
            return new InvoiceItem(invoice.getId(), invoice.getNumber(),
                    invoice.getCreated() == null ? null : Instant.ofEpochSecond(invoice.getCreated()),
                    invoice.getTotal() == null ? 0 : invoice.getTotal(), invoice.getCurrency(), invoice.getStatus(),
                    invoice.getHostedInvoiceUrl(), invoice.getInvoicePdf());
        }
    }
}
