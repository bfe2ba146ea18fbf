package dev.mailsift.web.support;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

import java.util.List;
import java.util.Map;

/** One mock-oauth2-server (an OIDC provider standing in for Google) on a free port, shared in this JVM. */
public final class TestOidcServer {

    public static final String CLIENT_ID = "mailsift-test";
    private static MockOAuth2Server server;

    private TestOidcServer() {
    }

    public static synchronized MockOAuth2Server server() {
        if (server == null) {
            server = new MockOAuth2Server();
            server.start();
        }
        return server;
    }

    public static String issuer() {
        return server().issuerUrl("google").toString();
    }

    /** The next sign-in at the provider is {@code subject} with this address. */
    public static void nextPerson(String subject, String email, boolean emailVerified) {
        server().enqueueCallback(new DefaultOAuth2TokenCallback("google", subject, "JWT", List.of(CLIENT_ID),
                Map.of("email", email, "email_verified", emailVerified), 3600));
    }
}
