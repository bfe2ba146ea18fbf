package dev.mailsift.web.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.web.support.AccessContract;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.mailsift.web.support.TestAccounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Profile names and the avatar, which is re-encoded and served with a safe type. Run on the embedded default and on
 * the real PostgreSQL and RabbitMQ by {@code EmbeddedProfileTest} and {@code PostgresRabbitProfileTest}.
 */
interface ProfileContract extends AccessContract {

    @Test
    default void profileNamesArePatchedAndShownWithTheAccount() throws Exception {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        JsonNode before = api().get("/api/v1/account", user.token()).json();
        assertThat(before.get("first_name").asText()).isEmpty();
        assertThat(before.get("email_confirmed").asBoolean()).isFalse();

        Reply patched = api().patch("/api/v1/account", user.token(),
                Map.of("first_name", " Ada ", "last_name", "Lovelace"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("first_name").asText()).isEqualTo("Ada");
        assertThat(patched.json().get("last_name").asText()).isEqualTo("Lovelace");
        Reply onlyFirst = api().patch("/api/v1/account", user.token(), Map.of("first_name", "Augusta"));
        assertThat(onlyFirst.json().get("last_name").asText()).isEqualTo("Lovelace");
        assertThat(api().get("/api/v1/account", user.token()).json().get("first_name").asText()).isEqualTo("Augusta");

        Reply tooLong = api().patch("/api/v1/account", user.token(), Map.of("first_name", "x".repeat(101)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("errors").get(0).get("field").asText()).isEqualTo("first_name");
        assertThat(metadataOf(user.userId(), "ProfileUpdated", "Augusta").get("actor").asText())
                .isEqualTo("user:" + user.userId());
    }

    @Test
    default void anAvatarIsReEncodedAsABoundedPngAndServedWithASafeType() throws Exception {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        assertThat(api().get("/api/v1/account/avatar", user.token()).status()).isEqualTo(404);

        java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(800, 600,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(picture, "jpeg", jpeg);
        Reply uploaded = api().upload("/api/v1/account/avatar", user.token(), "file", "me.jpg", "image/jpeg",
                jpeg.toByteArray(), "PUT");
        assertThat(uploaded.status()).isEqualTo(200);
        assertThat(uploaded.json().get("width").asInt()).isEqualTo(512);
        assertThat(uploaded.json().get("height").asInt()).isEqualTo(384);

        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port() + "/api/v1/account/avatar"))
                .header("Authorization", "Bearer " + user.token()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        var served = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(response.body()));
        assertThat(served.getWidth()).isEqualTo(512);
        assertThat(served.getHeight()).isEqualTo(384);

        Reply html = api().upload("/api/v1/account/avatar", user.token(), "file", "me.png", "image/png",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8), "PUT");
        assertThat(html.status()).isEqualTo(415);
        assertThat(html.json().get("type").asText()).isEqualTo("urn:mailsift:problem:unsupported-media-type");
        assertThat(metadataOf(user.userId(), "AvatarChanged", null).get("actor").asText())
                .isEqualTo("user:" + user.userId());
        assertThat(api().get("/api/v1/account", user.token()).json().get("has_avatar").asBoolean()).isTrue();
    }

    @Test
    default void aRemovedAvatarIsGoneAndRemovingAgainChangesNothing() throws Exception {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        assertThat(api().get("/api/v1/account", user.token()).json().get("has_avatar").asBoolean()).isFalse();
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(40, 30,
                java.awt.image.BufferedImage.TYPE_INT_ARGB), "png", png);
        assertThat(api().upload("/api/v1/account/avatar", user.token(), "file", "me.png", "image/png",
                png.toByteArray(), "PUT").status()).isEqualTo(200);
        assertThat(api().get("/api/v1/account/avatar", user.token()).status()).isEqualTo(200);

        assertThat(api().delete("/api/v1/account/avatar", user.token()).status()).isEqualTo(204);
        assertThat(api().get("/api/v1/account/avatar", user.token()).status()).isEqualTo(404);
        assertThat(api().get("/api/v1/account", user.token()).json().get("has_avatar").asBoolean()).isFalse();
        assertThat(metadataOf(user.userId(), "AvatarRemoved", null).get("actor").asText())
                .isEqualTo("user:" + user.userId());
        // nothing left to remove: still 204, and nothing more is recorded
        assertThat(api().delete("/api/v1/account/avatar", user.token()).status()).isEqualTo(204);
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype = ?", Long.class, user.userId(), "dev.mailsift.api.user.AvatarRemoved"))
                .isEqualTo(1);
    }
}
