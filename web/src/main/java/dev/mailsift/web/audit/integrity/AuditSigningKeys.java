package dev.mailsift.web.audit.integrity;

import dev.mailsift.web.platform.security.ServiceSecrets;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The key that signs new checkpoints, and the public keys the service trusts on checkpoints it finds: the configured
 * {@code MAILSIFT_AUDIT_SIGNING_KEY}, else one derived from the service secret, kept wherever that is kept
 * (docs/decisions/0032-audit-hash-chain.md); keys derived from previous service secrets stay trusted.
 */
@Component
class AuditSigningKeys {

    private final AuditSigningKey current;
    private final List<byte[]> trusted;

    AuditSigningKeys(IntegrityProperties properties, ServiceSecrets secrets) {
        List<AuditSigningKey> keys = new ArrayList<>();
        if (!properties.signingKey().isBlank()) {
            keys.add(AuditSigningKey.fromBase64Seed(properties.signingKey()));
        }
        secrets.auditSigningSeeds().forEach(seed -> keys.add(AuditSigningKey.fromSeed(seed)));
        this.current = keys.getFirst();
        this.trusted = keys.stream().map(AuditSigningKey::publicKey).toList();
    }

    AuditSigningKey current() {
        return current;
    }

    List<byte[]> trustedPublicKeys() {
        return trusted;
    }
}
