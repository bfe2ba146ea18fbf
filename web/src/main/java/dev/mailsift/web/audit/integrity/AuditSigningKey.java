package dev.mailsift.web.audit.integrity;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * An Ed25519 key that signs the chain's checkpoints, made from a 32-byte seed (RFC 8032's private key). The public
 * key travels with every checkpoint (X.509 encoding), so whoever keeps an exported checkpoint can check the others.
 */
final class AuditSigningKey {

    static final int SEED_BYTES = 32;

    private final PrivateKey privateKey;
    private final byte[] publicKey;

    private AuditSigningKey(PrivateKey privateKey, byte[] publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** The key of {@code MAILSIFT_AUDIT_SIGNING_KEY}: a seed in base64. */
    static AuditSigningKey fromBase64Seed(String seed) {
        try {
            return fromSeed(Base64.getDecoder().decode(seed.strip()));
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException("MAILSIFT_AUDIT_SIGNING_KEY is not base64.");
        }
    }

    static AuditSigningKey fromSeed(byte[] seed) {
        if (seed.length != SEED_BYTES) {
            throw new IllegalStateException("An audit signing key is " + SEED_BYTES + " bytes (base64); this one has "
                    + seed.length + ".");
        }
        try {
            PrivateKey privateKey = KeyFactory.getInstance("Ed25519")
                                              .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519,
                                                      seed.clone()));
            // The JDK derives a public key only while generating a pair: the generator draws the private key as the
            // next 32 random bytes, so a source that yields the seed gives this seed's pair.
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SeedAsRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            return new AuditSigningKey(privateKey, pair.getPublic().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JDK", e);
        }
    }

    /** The public key, X.509 (SubjectPublicKeyInfo) encoded. */
    byte[] publicKey() {
        return publicKey.clone();
    }

    byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code signature} over {@code message} verifies with {@code publicKey}; false for any malformed part. */
    static boolean verifies(byte[] publicKey, byte[] message, byte[] signature) {
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(publicKey));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Hands out the seed once, as the generator's randomness. */
    private static final class SeedAsRandom extends SecureRandom {

        private final byte[] seed;

        private SeedAsRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("Ed25519 key generation asked for " + bytes.length + " bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
            Arrays.fill(seed, (byte) 0);
        }
    }
}
