package dev.mailsift.web.audit.integrity;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digest and seal of one row, against values computed outside Java from the documented encoding (length-prefixed
 * big-endian fields, -1 for null): stores sealed by any earlier version must still verify, however the code computing
 * them changes.
 */
class StoredEventDigestTest {

    private static final StoredEvent ROW = new StoredEvent(42, "evt-1", "User", "user-1", 3,
            "dev.mailsift.api.user.CreditsGranted", null, "2026-12-01T06:00:00Z",
            "{\"amount\":5}".getBytes(StandardCharsets.UTF_8), "{\"actor\":\"op\"}".getBytes(StandardCharsets.UTF_8));

    @Test
    void anEventsDigestIsSha256OfItsLengthPrefixedColumns() {
        assertThat(HexFormat.of().formatHex(ROW.digest()))
                .isEqualTo("37b9dbf37710416014252adddd7996b305f700ee0372a859c8d2164db6de896e");
        assertThat(ROW.digest()).as("the same again: the per-thread digest starts afresh").isEqualTo(ROW.digest());
    }

    @Test
    void theFirstSealBindsTheGenesisThePositionAndTheDigest() {
        assertThat(HexFormat.of().formatHex(HashChain.next(HashChain.GENESIS, 42, ROW.digest())))
                .isEqualTo("90851d61f2a114b220c028870e3b3998435773c3b0f1de74c4ad3fca32a7d1fa");
    }
}
