package dev.mailsift.web.billing;

import com.stripe.model.checkout.Session;
import dev.mailsift.web.platform.idempotency.Idempotent;
import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.openapi.PublicOperation;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** What is for sale, and buying it through Stripe Checkout. */
@RestController
@RequestMapping("/api/v1/billing")
class BillingController {

    private final BillingProperties properties;
    private final PackCheckouts checkouts;

    BillingController(BillingProperties properties, PackCheckouts checkouts) {
        this.properties = properties;
        this.checkouts = checkouts;
    }

    /** Public: anyone may see the prices. */
    @Operation(summary = "Read the price list",
            description = "The credit packs and plans on sale, with amounts in minor units (cents). Pack "
                    + "credits never expire; a plan's credits come with each paid period and stay "
                    + "(`rollover`) or lapse at its end.")
    @PublicOperation
    @GetMapping("/catalogue")
    Catalogue catalogue() {
        return new Catalogue(properties.packs().stream()
                                       .map(pack -> new PackOffer(pack.id(), pack.credits(), pack.amount(),
                                               pack.currency()))
                                       .toList(),
                properties.plans().stream()
                          .map(plan -> new PlanOffer(plan.id(), plan.creditsPerPeriod(), plan.interval(),
                                  plan.amount(), plan.currency(), plan.rollover()))
                          .toList());
    }

    @Operation(summary = "Start a checkout",
            description = "Starts a Stripe Checkout for a pack or a plan of the price list (one of the two) and"
                    + " answers its `url`: send the person there. With an `Idempotency-Key`, a repeated "
                    + "request answers the same checkout.")
    @ProblemResponse(status = 400, type = ProblemType.VALIDATION,
            when = "The pack or plan is not on sale, or both or neither are given.")
    @ProblemResponse(status = 503, type = ProblemType.BILLING_NOT_CONFIGURED,
            when = "This service has no Stripe key: nothing can be bought.")
    @ProblemResponse(status = 502, type = ProblemType.PAYMENT_PROVIDER_FAILED,
            when = "Stripe refused or did not answer; nothing was charged; retry.")
    @Idempotent
    @PostMapping("/checkout")
    ResponseEntity<CheckoutCreated> checkout(@Valid @RequestBody CheckoutRequest request,
                                             @RequestHeader(name = "Idempotency-Key", required = false)
                                             @Size(max = 255) String idempotencyKey,
                                             @AuthenticationPrincipal AuthenticatedUser caller) {
        boolean pack = request.pack() != null && !request.pack().isBlank();
        boolean plan = request.plan() != null && !request.plan().isBlank();
        if (pack == plan) {
            throw new CheckoutRefusedException("pack: name either a pack or a plan to buy.");
        }
        Session session = pack ? checkouts.openPack(caller.userId(), request.pack(), idempotencyKey)
                : checkouts.openPlan(caller.userId(), request.plan(), idempotencyKey);
        return ResponseEntity.created(URI.create("/api/v1/billing/checkout/" + session.getId()))
                             .body(new CheckoutCreated(session.getId(), session.getUrl()));
    }

    @Operation(summary = "Read a checkout",
            description = "Stripe's current record of one of the caller's checkouts; a paid one is fulfilled on"
                    + " the way, so a lost webhook never leaves a paying customer without credits.")
    @Parameter(name = "id", in = ParameterIn.PATH,
            description = "The checkout's id, as `POST /api/v1/billing/checkout` answered it.")
    @ProblemResponse(status = 503, type = ProblemType.BILLING_NOT_CONFIGURED,
            when = "This service has no Stripe key: nothing can be bought.")
    @ProblemResponse(status = 502, type = ProblemType.PAYMENT_PROVIDER_FAILED,
            when = "Stripe refused or did not answer; nothing was charged; retry.")
    @GetMapping("/checkout/{id}")
    CheckoutView checkout(@PathVariable @Size(max = 255) String id,
                          @AuthenticationPrincipal AuthenticatedUser caller) {
        return checkouts.read(caller.userId(), id);
    }

    /** Stripe's Billing Portal for the caller: change the card, see invoices and receipts. */
    @Operation(summary = "Open the billing portal",
            description = "Answers the `url` of Stripe's Billing Portal for the caller (card, invoices, "
                    + "receipts).")
    @ProblemResponse(status = 503, type = ProblemType.BILLING_NOT_CONFIGURED,
            when = "This service has no Stripe key: nothing can be bought.")
    @ProblemResponse(status = 502, type = ProblemType.PAYMENT_PROVIDER_FAILED,
            when = "Stripe refused or did not answer; nothing was charged; retry.")
    @PostMapping("/portal")
    Portal portal(@AuthenticationPrincipal AuthenticatedUser caller) {
        return new Portal(checkouts.portal(caller.userId()));
    }

    record Portal(String url) {
    }

    @Schema(description = "Exactly one of `pack` and `plan`: an id from the price list.")
    record CheckoutRequest(@Size(max = 64) String pack, @Size(max = 64) String plan) {
    }

    record CheckoutCreated(String id, String url) {
    }

    record Catalogue(List<PackOffer> packs, List<PlanOffer> plans) {
    }

    /** @param rollover whether credits left at a period's end stay with the account */
    record PlanOffer(String id, long creditsPerPeriod, String interval, long amount, String currency,
                     boolean rollover) {
    }

    /** @param amount price in minor units of {@code currency} */
    record PackOffer(String id, long credits, long amount, String currency) {
    }
}
