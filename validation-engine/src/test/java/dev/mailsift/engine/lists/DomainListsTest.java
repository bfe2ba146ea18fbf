package dev.mailsift.engine.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DomainListsTest {

    private final DomainLists lists = DomainLists.shipped();

    @Test
    void shippedSnapshotsAreLoaded() {
        ListSnapshots s = lists.snapshots();
        assertThat(s.disposableDomains()).hasSizeGreaterThan(5_000).contains("mailinator.com");
        assertThat(s.freeProviderDomains()).hasSizeGreaterThan(5_000).contains("gmail.com", "yahoo.com");
        assertThat(s.roleLocalParts()).hasSizeGreaterThan(500).contains("admin", "info", "support", "postmaster");
        assertThat(s.tlds()).hasSizeGreaterThan(1_000).contains("com", "dev", "рф");
    }

    @Test
    void disposableMatchesSubdomains() {
        assertThat(lists.isDisposable("mailinator.com")).isTrue();
        assertThat(lists.isDisposable("foo.mailinator.com")).isTrue();
        assertThat(lists.isDisposable("gmail.com")).isFalse();
        assertThat(lists.isDisposable("com")).isFalse();
    }

    @Test
    void freeProvidersAndRoles() {
        assertThat(lists.isFreeProvider("gmail.com")).isTrue();
        assertThat(lists.isFreeProvider("mailsift.dev")).isFalse();
        assertThat(lists.isRole("Info")).isTrue();
        assertThat(lists.isRole("support+ticket")).isTrue();
        assertThat(lists.isRole("no-reply")).isTrue();
        assertThat(lists.isRole("jane.doe")).isFalse();
    }

    @Test
    void reloadsFromADirectoryAtRunTime(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ListSnapshots.DISPOSABLE), "# test\nthrowaway.example\n");
        DomainLists l = DomainLists.shipped();
        assertThat(l.isDisposable("throwaway.example")).isFalse();
        l.reloadFrom(dir);
        assertThat(l.isDisposable("throwaway.example")).isTrue();
        assertThat(l.isDisposable("mailinator.com")).isFalse();
        assertThat(l.isFreeProvider("gmail.com")).as("missing files keep the shipped data").isTrue();
    }
}
