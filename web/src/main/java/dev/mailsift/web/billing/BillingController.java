package dev.mailsift.web.billing;

import com.stripe.model.checkout.Session;
import dev.mailsift.web.platform.security.AuthenticatedUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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

    /** Public: anyone may see the prices. Subscription plans are listed once they can be bought. */
    @GetMapping("/catalogue")
    Catalogue catalogue() {
        return new Catalogue(properties.packs().stream()
                                       .map(pack -> new PackOffer(pack.id(), pack.credits(), pack.amount(),
                                               pack.currency()))
                                       .toList(), List.of());
    }

    @PostMapping("/checkout")
    ResponseEntity<CheckoutCreated> checkout(@Valid @RequestBody CheckoutRequest request,
                                             @RequestHeader(name = "Idempotency-Key", required = false)
                                             @Size(max = 255) String idempotencyKey,
                                             @AuthenticationPrincipal AuthenticatedUser caller) {
        Session session = checkouts.open(caller.userId(), request.pack(), idempotencyKey);
        return ResponseEntity.created(URI.create("/api/v1/billing/checkout/" + session.getId()))
                             .body(new CheckoutCreated(session.getId(), session.getUrl()));
    }

    @GetMapping("/checkout/{id}")
    CheckoutView checkout(@PathVariable @Size(max = 255) String id,
                          @AuthenticationPrincipal AuthenticatedUser caller) {
        return checkouts.read(caller.userId(), id);
    }

    /** Stripe's Billing Portal for the caller: change the card, see invoices and receipts. */
    @PostMapping("/portal")
    Portal portal(@AuthenticationPrincipal AuthenticatedUser caller) {
        return new Portal(checkouts.portal(caller.userId()));
    }

    record Portal(String url) {
    }

    record CheckoutRequest(@NotBlank(message = "name the pack to buy") @Size(max = 64) String pack) {
    }

    record CheckoutCreated(String id, String url) {
    }

    record Catalogue(List<PackOffer> packs, List<Object> plans) {
    }

    /** @param amount price in minor units of {@code currency} */
    record PackOffer(String id, long credits, long amount, String currency) {
    }
}
