package dev.mailsift.web.webhooks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Classification only: nothing here connects anywhere, and only address literals are "resolved". */
class AddressPolicyTest {

    private final AddressPolicy strict = new AddressPolicy(List.of());

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.255", "0.0.0.0", "224.0.0.1",
            "255.255.255.255", "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1",
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "64:ff9b::7f00:1", "::127.0.0.1"})
    void nonPublicAddressesAreRefused(String literal) {
        assertThat(strict.refusalOf(AddressPolicy.literal(literal))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "100.63.255.255", "100.128.0.0", "172.32.0.1",
            "2606:4700::1111", "::ffff:8.8.8.8"})
    void publicAddressesAreAllowed(String literal) {
        assertThat(strict.refusalOf(AddressPolicy.literal(literal))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0177.0.0.1", "0x7f000001", "0x7f.0.0.1", "127.1", "017700000001",
            "127.0.0.01", "0", "1.2.3.4.5"})
    void numericSpellingsOtherThanDottedDecimalAreRefusedAsHosts(String host) {
        assertThat(strict.refusalOfHost(host)).contains("numeric");
        assertThatThrownBy(() -> strict.resolveAllowed(host)).isInstanceOf(AddressPolicy.RefusedAddressException.class);
    }

    @Test
    void hostLiteralsAndLocalhostAreClassifiedWithoutAnyLookup() {
        assertThat(strict.refusalOfHost("127.0.0.1")).contains("127.0.0.0/8");
        assertThat(strict.refusalOfHost("[::1]")).contains("::1");
        assertThat(strict.refusalOfHost("[::ffff:192.168.0.1]")).contains("192.168.0.0/16");
        assertThat(strict.refusalOfHost("localhost")).isNotNull();
        assertThat(strict.refusalOfHost("hooks.example.com")).isNull();
        assertThat(strict.refusalOfHost("8.8.8.8")).isNull();
    }

    @Test
    void anAllowedPrivateNetworkIsStillNotPublic() {
        AddressPolicy loopbackAllowed = new AddressPolicy(List.of("127.0.0.0/8"));
        assertThat(loopbackAllowed.isPublic(AddressPolicy.literal("127.0.0.1"))).isFalse();
        assertThat(loopbackAllowed.isPublic(AddressPolicy.literal("::ffff:10.0.0.1"))).isFalse();
        assertThat(loopbackAllowed.isPublic(AddressPolicy.literal("8.8.8.8"))).isTrue();
        assertThat(loopbackAllowed.isPublic(AddressPolicy.literal("2606:4700::1111"))).isTrue();
    }

    /** What a name resolves to is classified address by address; nothing here touches a real resolver. */
    @Test
    void aNameIsAllowedOnlyTheAddressesThePolicyAllows() throws Exception {
        AddressPolicy policy = new AddressPolicy(List.of(), host -> switch (host) {
            case "mixed.test" -> new InetAddress[]{AddressPolicy.literal("10.0.0.1"), AddressPolicy.literal("8.8.8.8")};
            case "metadata.test" -> new InetAddress[]{AddressPolicy.literal("169.254.169.254")};
            case "v6.test" -> new InetAddress[]{AddressPolicy.literal("fd00::1"), AddressPolicy.literal("::ffff:127.0.0.1")};
            default -> throw new java.net.UnknownHostException(host);
        });
        assertThat(policy.resolveAllowed("mixed.test")).containsExactly(AddressPolicy.literal("8.8.8.8"));
        assertThatThrownBy(() -> policy.resolveAllowed("metadata.test"))
                .isInstanceOf(AddressPolicy.RefusedAddressException.class).hasMessageContaining("169.254.0.0/16");
        assertThatThrownBy(() -> policy.resolveAllowed("v6.test"))
                .isInstanceOf(AddressPolicy.RefusedAddressException.class).hasMessageContaining("fc00::/7");
    }

    @Test
    void aListedPrivateNetworkIsAllowedAndNothingElse() throws Exception {
        AddressPolicy loopbackAllowed = new AddressPolicy(List.of("127.0.0.0/8", " 10.1.0.0/16 "));
        assertThat(loopbackAllowed.refusalOf(AddressPolicy.literal("127.0.0.1"))).isNull();
        assertThat(loopbackAllowed.refusalOf(AddressPolicy.literal("::ffff:127.0.0.1"))).isNull();
        assertThat(loopbackAllowed.refusalOf(AddressPolicy.literal("10.1.200.3"))).isNull();
        assertThat(loopbackAllowed.refusalOf(AddressPolicy.literal("10.2.0.1"))).isNotNull();
        assertThat(loopbackAllowed.refusalOf(AddressPolicy.literal("::1"))).isNotNull();
        assertThat(loopbackAllowed.resolveAllowed("127.0.0.1")).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThatThrownBy(() -> strict.resolveAllowed("127.0.0.1"))
                .isInstanceOf(AddressPolicy.RefusedAddressException.class);
    }
}
