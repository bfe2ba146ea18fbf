package dev.mailsift.web.platform.security;

import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import jakarta.servlet.DispatcherType;
import dev.mailsift.query.accounts.apikeys.ApiKeyProjection;
import dev.mailsift.web.platform.fairness.FairnessProperties;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * API security. Bearer access tokens and API keys authenticate API calls, so Spring's session-cookie CSRF machinery
 * is off; the one cookie (the refresh token) is SameSite=Strict, scoped to the auth endpoints and honoured only
 * with the {@code X-MailSift-CSRF} header (see {@link SessionCookies}). Operator endpoints need the ADMIN role; the
 * audit history is read by AUDITOR and ADMIN, and an AUDITOR may do nothing else.
 * Cross-origin browser calls are allowed only from {@code MAILSIFT_CORS_ORIGINS}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfig {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, AccessTokens tokens, ProblemResponses problems,
                                    QueryGateway queries, ApiKeyProjection apiKeys, Clock clock,
                                    RateLimiter rateLimiter, SecurityProperties properties,
                                    ObjectProvider<ClientRegistrationRepository> oidcProviders, SecretBox secrets,
                                    ObjectProvider<AuthenticationSuccessHandler> externalSignIn,
                                    ObjectProvider<AuthenticationFailureHandler> externalSignInFailure,
                                    FairnessProperties fairness,
                                    @Value("${mailsift.security.metrics-token:}") String metricsToken)
            throws Exception {
        if (oidcProviders.getIfAvailable() != null) {
            // Google sign-in (OIDC) when a provider is configured (spring.security.oauth2.client.registration.*).
            // the accounts capability finishes the sign-in (OidcSignIn): an account, a session, a redirect
            http.oauth2Login(login -> login
                    .authorizationEndpoint(endpoint -> endpoint.authorizationRequestRepository(
                            new EncryptedCookieAuthorizationRequests(secrets)))
                    .authorizedClientRepository(new NoAuthorizedClients())
                    .successHandler(externalSignIn.getObject())
                    .failureHandler(externalSignInFailure.getObject()));
        }
        return http
                .csrf(csrf -> csrf.disable())
                .cors(cors -> cors.configurationSource(corsConfiguration(properties)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                // data: images: the two-factor QR code arrives as a data URI (images run no code)
                                "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; object-src 'none'; "
                                        + "base-uri 'self'; "
                                        + "form-action 'self'"))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
                                "camera=(), microphone=(), geolocation=(), payment=()"))
                        .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin")))
                .authorizeHttpRequests(requests -> requests
                        // the async dispatch that completes a Server-Sent Events stream was authorised on the request
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers(HttpMethod.OPTIONS, "/api/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/users", "/api/v1/auth/**").permitAll()
                        // which sign-ins are offered, for the sign-in page before anyone has signed in
                        .requestMatchers(HttpMethod.GET, "/api/v1/auth/providers").permitAll()
                        // prices are public; Stripe authenticates its deliveries with their signature
                        .requestMatchers(HttpMethod.GET, "/api/v1/billing/catalogue").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/billing/stripe-webhook").permitAll()
                        // auditors read the history and nothing else; operators read it too
                        .requestMatchers(HttpMethod.GET, "/api/v1/audit/**").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers("/api/v1/audit/**").denyAll()
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        // everyone keeps their own account: password, two-factor, API keys (an auditor's export
                        // script signs in with one), profile, own history
                        .requestMatchers("/api/v1/account", "/api/v1/account/**", "/api/v1/api-keys",
                                "/api/v1/api-keys/**").authenticated()
                        .requestMatchers("/api/**").hasAnyRole("USER", "ADMIN")
                        // liveness and readiness for the orchestrator; everything else tells how the service runs
                        .requestMatchers("/actuator/health/**", "/actuator/health").permitAll()
                        .requestMatchers(MetricsScrapeFilter.PATH).hasAnyRole("ADMIN", MetricsScrapeFilter.ROLE)
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .anyRequest().permitAll())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) ->
                                problems.unauthorized(request, response, "Authentication is required."))
                        .accessDeniedHandler((request, response, e) -> problems.forbidden(request, response)))
                .addFilterBefore(new RequestSizeLimitFilter(problems), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new MetricsScrapeFilter(metricsToken), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new RequestAuthenticationFilter(tokens, queries, apiKeys, problems, clock,
                                new RequestsInFlight(fairness)),
                        UsernamePasswordAuthenticationFilter.class)
                .addFilterAfter(new RateLimitFilter(rateLimiter, properties, problems),
                        RequestAuthenticationFilter.class)
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(10);
    }

    /** Only the configured origins; credentials allowed so the dashboard's refresh cookie works cross-origin. */
    private static CorsConfigurationSource corsConfiguration(SecurityProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!properties.corsOrigins().isEmpty()) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(properties.corsOrigins());
            cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
            cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-API-Key", "Idempotency-Key",
                    SessionCookies.CSRF_HEADER, "Last-Event-ID"));
            cors.setExposedHeaders(List.of("Location", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining",
                    "RateLimit-Reset", "Idempotent-Replayed"));
            cors.setAllowCredentials(true);
            cors.setMaxAge(Duration.ofHours(1));
            source.registerCorsConfiguration("/api/**", cors);
        }
        return source;
    }
}
