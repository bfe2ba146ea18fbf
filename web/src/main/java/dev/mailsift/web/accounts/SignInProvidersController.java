package dev.mailsift.web.accounts;

import dev.mailsift.web.platform.openapi.PublicOperation;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which external sign-ins this server offers (Google, when {@code spring.security.oauth2.client.registration.google.*}
 * is set; see decisions/0016): a sign-in page shows a provider's button only when it is listed here.
 */
@RestController
@RequestMapping("/api/v1/auth/providers")
class SignInProvidersController {

    private final ObjectProvider<ClientRegistrationRepository> registrations;

    SignInProvidersController(ObjectProvider<ClientRegistrationRepository> registrations) {
        this.registrations = registrations;
    }

    @Operation(summary = "List the external sign-ins",
            description = "The providers a person may sign in with besides a password, each with the URL a browser "
                    + "opens to start (a top-level navigation, not an API call: it ends back at `/` with the "
                    + "refresh cookie set, or at `/?oidc_error=…`). Empty when none is configured.")
    @PublicOperation
    @GetMapping
    SignInProviders providers() {
        List<SignInProvider> providers = new ArrayList<>();
        if (registrations.getIfAvailable() instanceof Iterable<?> configured) {
            for (Object each : configured) {
                if (each instanceof ClientRegistration registration) {
                    providers.add(new SignInProvider(registration.getRegistrationId(), nameOf(registration),
                            "/oauth2/authorization/" + registration.getRegistrationId()));
                }
            }
        }
        providers.sort(Comparator.comparing(SignInProvider::id));
        return new SignInProviders(providers);
    }

    /**
     * The registration's {@code client-name} when one was set; Spring Boot otherwise names a registration found
     * through its {@code issuer-uri} after the issuer's URL, which no person should read on a button.
     */
    private static String nameOf(ClientRegistration registration) {
        String name = registration.getClientName();
        if (name != null && !name.isBlank() && !name.contains("://")
                && !name.equals(registration.getRegistrationId())) {
            return name;
        }
        return KNOWN_NAMES.getOrDefault(registration.getRegistrationId(), registration.getRegistrationId());
    }

    private static final Map<String, String> KNOWN_NAMES = Map.of("google", "Google");

    record SignInProviders(List<SignInProvider> providers) {
    }

    /**
     * @param id        the registration's id ({@code google})
     * @param name      its name for people ({@code Google})
     * @param signInUrl where a browser starts signing in with it
     */
    record SignInProvider(String id, String name, String signInUrl) {
    }
}
