package dev.mailsift.web.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Accounts made over the API for the tests that are not about signing up, and the mail they receive (an
 * in-process SMTP server on loopback). The dashboard itself is only ever driven through the browser.
 */
final class Accounts {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CONFIRMATION = "confirm";
    static final String PASSWORD_RESET = "reset";
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    static final GreenMail MAIL = new GreenMail(ServerSetup.SMTP.dynamicPort());

    static {
        MAIL.start();
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    Accounts(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A confirmed account, once its trial credits are granted (a moment after confirming); answers its token. */
    String confirmed(String email, String password) {
        call("POST", "/api/v1/users", null, Map.of("email", email, "password", password), 201);
        call("POST", "/api/v1/auth/confirm-email", null,
                Map.of("email", email, "code", mailedCode(email, CONFIRMATION)), 200);
        String token = signIn(email, password);
        await().atMost(Duration.ofSeconds(15)).until(() ->
                call("GET", "/api/v1/account", token, null, 200).get("credits_available").asLong() > 0);
        return token;
    }

    String signIn(String email, String password) {
        return call("POST", "/api/v1/auth/token", null, Map.of("email", email, "password", password), 200)
                .get("access_token").asText();
    }

    /** Turns two-factor sign-in on; answers the TOTP secret's key. */
    byte[] turnOnTwoFactor(String token) {
        byte[] key = base32(call("POST", "/api/v1/account/totp", token, Map.of(), 200).get("secret").asText());
        call("POST", "/api/v1/account/totp/confirm", token, Map.of("code", totp(key, 0)), 200);
        return key;
    }

    JsonNode call(String method, String path, String token, Map<String, ?> body, int expectedStatus) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                                                     .timeout(Duration.ofSeconds(30))
                                                     .header("Content-Type", "application/json")
                                                     .method(method, body == null
                                                             ? HttpRequest.BodyPublishers.noBody()
                                                             : HttpRequest.BodyPublishers.ofString(
                                                                     JSON.writeValueAsString(body)));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body())
                                             .isEqualTo(expectedStatus);
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The six-digit code in the latest mail to {@code address} whose subject has {@code subject} in it. */
    static String mailedCode(String address, String subject) {
        await().atMost(Duration.ofSeconds(15)).until(() -> latest(address, subject) != null);
        Matcher code = CODE.matcher(GreenMailUtil.getBody(latest(address, subject)));
        assertThat(code.find()).as("a code in the mail to " + address).isTrue();
        return code.group(1);
    }

    private static MimeMessage latest(String address, String subject) {
        MimeMessage[] messages = mailTo(address);
        for (int i = messages.length - 1; i >= 0; i--) {
            try {
                if (messages[i].getSubject().toLowerCase().contains(subject.toLowerCase())) {
                    return messages[i];
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return null;
    }

    private static MimeMessage[] mailTo(String address) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                             .anyMatch(to -> to.toString().equalsIgnoreCase(address));
            } catch (Exception e) {
                return false;
            }
        }).toArray(MimeMessage[]::new);
    }

    /** RFC 6238: the code {@code offset} 30-second steps from now (each step's code signs in once). */
    static String totp(byte[] key, int offset) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8)
                                                .putLong(Instant.now().getEpochSecond() / 30 + offset).array());
            int at = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[at] & 0x7f) << 24) | ((hash[at + 1] & 0xff) << 16) | ((hash[at + 2] & 0xff) << 8)
                    | (hash[at + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.replace("=", "").toUpperCase().toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                bytes.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return bytes.toByteArray();
    }
}
