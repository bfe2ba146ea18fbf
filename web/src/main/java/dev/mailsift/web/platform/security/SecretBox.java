package dev.mailsift.web.platform.security;

import org.springframework.stereotype.Component;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Encrypts secrets that must be read back (TOTP seeds) with AES-256-GCM under a key derived from the service's
 * secret ({@link ServiceSecrets}), bound to the owning user (associated data). Opens with the keys of previous
 * secrets too, so a rotation does not lock two-factor users out (docs/decisions/0015, 0026).
 */
@Component
public class SecretBox {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The current key first: it seals; every key opens. */
    private final List<SecretKeySpec> keys;

    SecretBox(ServiceSecrets secrets) {
        this.keys = secrets.sealingKeys();
    }

    public String seal(String owner, String plaintext) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.getFirst(), new GCMParameterSpec(128, iv));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv)
                                                                .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalStateException when no current or previous key opens it (or it was sealed for another owner) */
    public String open(String owner, String sealed) {
        byte[] bytes = Base64.getDecoder().decode(sealed);
        for (SecretKeySpec key : keys) {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 0, 12));
                cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
                return new String(cipher.doFinal(bytes, 12, bytes.length - 12), StandardCharsets.UTF_8);
            } catch (AEADBadTagException notThisKey) {
                // try the next one
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("sealed secret cannot be opened: sealed under a secret that is neither "
                + "MAILSIFT_JWT_SECRET nor listed in MAILSIFT_JWT_PREVIOUS_SECRETS");
    }
}
