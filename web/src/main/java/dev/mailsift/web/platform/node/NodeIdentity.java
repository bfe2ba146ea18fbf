package dev.mailsift.web.platform.node;

import java.lang.management.ManagementFactory;
import java.util.HexFormat;
import java.security.SecureRandom;

/**
 * This running node's name among the nodes sharing a database: the JVM's {@code pid@host}, which Axon's token store
 * uses by default, plus a random suffix, so that two nodes in one JVM (tests, or an embedded second context) are two
 * owners of segments, as two processes are.
 */
public record NodeIdentity(String name) {

    public static NodeIdentity ofThisProcess() {
        byte[] suffix = new byte[4];
        new SecureRandom().nextBytes(suffix);
        return new NodeIdentity(ManagementFactory.getRuntimeMXBean().getName() + "#" + HexFormat.of().formatHex(suffix));
    }
}
