package dev.mailsift.web.audit.integrity;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A signed statement "the chain's seal after position {@code position} ({@code sealedCount} events) was
 * {@code seal}". Kept in the database and exportable as JSON (this record's own form), so that a copy kept
 * elsewhere anchors the history: whoever rewrites the events and their seals cannot also rewrite that copy.
 */
@JsonIgnoreProperties(value = "algorithm", allowGetters = true)
record Checkpoint(long position,
                  @JsonProperty("seal") String sealHex,
                  @JsonProperty("sealed_count") long sealedCount,
                  @JsonProperty("created_at") String createdAt,
                  @JsonProperty("public_key") String publicKeyBase64,
                  @JsonProperty("signature") String signatureBase64) {

    static final String ALGORITHM = "Ed25519";

    static Checkpoint signed(AuditSigningKey key, long position, byte[] seal, long sealedCount, String createdAt) {
        String sealHex = HexFormat.of().formatHex(seal);
        byte[] signature = key.sign(signedText(position, sealHex, sealedCount, createdAt));
        return new Checkpoint(position, sealHex, sealedCount, createdAt,
                Base64.getEncoder().encodeToString(key.publicKey()), Base64.getEncoder().encodeToString(signature));
    }

    @JsonProperty("algorithm")
    String algorithm() {
        return ALGORITHM;
    }

    @JsonIgnore
    byte[] seal() {
        return HexFormat.of().parseHex(sealHex);
    }

    @JsonIgnore
    byte[] publicKey() {
        return Base64.getDecoder().decode(publicKeyBase64);
    }

    /** Whether the signature is this checkpoint's, made by the key it names. */
    @JsonIgnore
    boolean signatureValid() {
        try {
            return AuditSigningKey.verifies(publicKey(), signedText(position, sealHex, sealedCount, createdAt),
                    Base64.getDecoder().decode(signatureBase64));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** What is signed: every field, as labelled lines, so no field can be moved into another. */
    static byte[] signedText(long position, String sealHex, long sealedCount, String createdAt) {
        return ("mailsift audit checkpoint v1\nposition=" + position + "\nseal=" + sealHex + "\nsealed_count="
                + sealedCount + "\ncreated_at=" + createdAt + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
