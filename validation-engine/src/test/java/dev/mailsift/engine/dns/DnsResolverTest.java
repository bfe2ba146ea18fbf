package dev.mailsift.engine.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailsift.engine.support.TestDnsServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

class DnsResolverTest {

    private TestDnsServer server;
    private DnsResolver resolver;

    @BeforeEach
    void start() throws Exception {
        server = new TestDnsServer();
        resolver = new DnsResolver("127.0.0.1", server.port(), Duration.ofMillis(300), 8);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void mxHostsComeInPreferenceOrder() {
        server.mx("example.org", 20, "mx2.example.org").mx("example.org", 10, "mx1.example.org").mx("example.org", 30, "mx3.example.org");
        MxResult r = resolver.lookupMx("example.org");
        assertThat(r.kind()).isEqualTo(MxResult.Kind.OK);
        assertThat(r.hosts()).containsExactly("mx1.example.org", "mx2.example.org", "mx3.example.org");
        assertThat(r.implicit()).isFalse();
    }

    @Test
    void nullMxIsRecognised() {
        server.mx("nomail.example.org", 0, ".");
        assertThat(resolver.lookupMx("nomail.example.org").kind()).isEqualTo(MxResult.Kind.NULL_MX);
    }

    @Test
    void fallsBackToAddressRecordsWithoutMx() {
        server.a("a-only.example.org", "192.0.2.10");
        server.aaaa("aaaa-only.example.org", "2001:db8::10");
        MxResult r = resolver.lookupMx("a-only.example.org");
        assertThat(r.kind()).isEqualTo(MxResult.Kind.OK);
        assertThat(r.implicit()).isTrue();
        assertThat(r.hosts()).containsExactly("a-only.example.org");
        assertThat(resolver.lookupMx("aaaa-only.example.org").implicit()).isTrue();
    }

    @Test
    void existingNameWithoutMxOrAddressHasNoMx() {
        server.exists("bare.example.org");
        assertThat(resolver.lookupMx("bare.example.org").kind()).isEqualTo(MxResult.Kind.NO_MX);
    }

    @Test
    void nxdomainIsNoDomainButServfailAndTimeoutAreErrors() {
        assertThat(resolver.lookupMx("missing.example.org").kind()).isEqualTo(MxResult.Kind.NO_DOMAIN);
        server.rcode("broken.example.org", Rcode.SERVFAIL);
        assertThat(resolver.lookupMx("broken.example.org").kind()).isEqualTo(MxResult.Kind.ERROR);
        server.rcode("refused.example.org", Rcode.REFUSED);
        assertThat(resolver.lookupMx("refused.example.org").kind()).isEqualTo(MxResult.Kind.ERROR);
        server.silent("slow.example.org");
        long t0 = System.nanoTime();
        assertThat(resolver.lookupMx("slow.example.org").kind()).isEqualTo(MxResult.Kind.ERROR);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void answersAreCachedByTtlAndZeroTtlIsNot() {
        server.mx("cached.example.org", 10, "mx.cached.example.org");
        server.mx("fresh.example.org", 10, "mx.fresh.example.org", 0);
        for (int i = 0; i < 5; i++) {
            resolver.lookupMx("cached.example.org");
            resolver.lookupMx("fresh.example.org");
        }
        assertThat(server.queriesFor("cached.example.org", Type.MX)).isEqualTo(1);
        assertThat(server.queriesFor("fresh.example.org", Type.MX)).isEqualTo(5);
        resolver.lookupMx("missing.example.org");
        resolver.lookupMx("missing.example.org");
        assertThat(server.queriesFor("missing.example.org", Type.MX)).as("negative answers cached by SOA minimum").isEqualTo(1);
    }

    @Test
    void resolvesAddresses() {
        server.a("mx.example.org", "192.0.2.1").aaaa("v6.example.org", "2001:db8::1");
        assertThat(resolver.addresses("mx.example.org")).extracting(a -> a.getHostAddress()).containsExactly("192.0.2.1");
        assertThat(resolver.addresses("v6.example.org")).hasSize(1);
        assertThat(resolver.addresses("none.example.org")).isEmpty();
    }
}
