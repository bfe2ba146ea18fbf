package dev.mailsift.web.audit.integrity;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class AuditSigningKeyTest {

    private static final HexFormat HEX = HexFormat.of();
    /** RFC 8032, section 7.1, TEST 1. */
    private static final byte[] RFC_SECRET =
            HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private static final String RFC_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String RFC_SIGNATURE_OF_EMPTY = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
    /** The X.509 SubjectPublicKeyInfo prefix of an Ed25519 key (RFC 8410). */
    private static final String X509_PREFIX = "302a300506032b6570032100";

    @Test
    void aSeedGivesRfc8032sPublicKeyAndSignature() {
        AuditSigningKey key = AuditSigningKey.fromSeed(RFC_SECRET);

        assertThat(HEX.formatHex(key.publicKey())).isEqualTo(X509_PREFIX + RFC_PUBLIC);
        assertThat(HEX.formatHex(key.sign(new byte[0]))).isEqualTo(RFC_SIGNATURE_OF_EMPTY);
    }

    @Test
    void aSignatureVerifiesWithItsKeyOnlyAndForItsMessageOnly() {
        AuditSigningKey key = AuditSigningKey.fromSeed(RFC_SECRET);
        AuditSigningKey other = AuditSigningKey.fromSeed(new byte[32]);
        byte[] message = "checkpoint".getBytes(StandardCharsets.UTF_8);
        byte[] signature = key.sign(message);

        assertThat(AuditSigningKey.verifies(key.publicKey(), message, signature)).isTrue();
        assertThat(AuditSigningKey.verifies(other.publicKey(), message, signature)).isFalse();
        assertThat(AuditSigningKey.verifies(key.publicKey(), "checkpoinT".getBytes(StandardCharsets.UTF_8),
                signature)).isFalse();
        assertThat(AuditSigningKey.verifies(new byte[]{1, 2, 3}, message, signature)).as("a malformed key").isFalse();
    }

    @Test
    void aCheckpointWithAnyFieldChangedNoLongerVerifies() {
        AuditSigningKey key = AuditSigningKey.fromSeed(RFC_SECRET);
        Checkpoint signed = Checkpoint.signed(key, 42, HashChain.GENESIS, 40, "2026-12-01T00:00:00Z");

        assertThat(signed.signatureValid()).isTrue();
        assertThat(new Checkpoint(43, signed.sealHex(), 40, signed.createdAt(), signed.publicKeyBase64(),
                signed.signatureBase64()).signatureValid()).isFalse();
        assertThat(new Checkpoint(42, signed.sealHex(), 41, signed.createdAt(), signed.publicKeyBase64(),
                signed.signatureBase64()).signatureValid()).isFalse();
        assertThat(new Checkpoint(42, HEX.formatHex(HashChain.next(HashChain.GENESIS, 1, HashChain.GENESIS)), 40,
                signed.createdAt(), signed.publicKeyBase64(), signed.signatureBase64()).signatureValid()).isFalse();
        assertThat(new Checkpoint(42, signed.sealHex(), 40, signed.createdAt(), signed.publicKeyBase64(),
                "not base64!").signatureValid()).isFalse();
    }

    @Test
    void eventsWhoseFieldsSplitDifferentlyHaveDifferentDigests() {
        byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
        StoredEvent one = new StoredEvent(1, "e", "User", "ab", 0, "T", null, "2026-12-01T00:00:00Z", payload, null);
        StoredEvent split = new StoredEvent(1, "e", "Usera", "b", 0, "T", null, "2026-12-01T00:00:00Z", payload, null);
        StoredEvent emptyRevision = new StoredEvent(1, "e", "User", "ab", 0, "T", "", "2026-12-01T00:00:00Z",
                payload, null);

        assertThat(one.digest()).isNotEqualTo(split.digest()).isNotEqualTo(emptyRevision.digest())
                                .isEqualTo(new StoredEvent(1, "e", "User", "ab", 0, "T", null,
                                        "2026-12-01T00:00:00Z", payload, null).digest());
    }
}
