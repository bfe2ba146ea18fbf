package dev.mailsift.engine.lists;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Disposable, free-provider and role-account checks over a {@link ListSnapshots}, swappable at run time
 * with {@link #reload(ListSnapshots)} (readers never see a half-loaded list).
 */
public final class DomainLists {

    private final AtomicReference<ListSnapshots> current;

    public DomainLists(ListSnapshots snapshots) {
        this.current = new AtomicReference<>(snapshots);
    }

    public static DomainLists shipped() {
        return new DomainLists(ListSnapshots.shipped());
    }

    public void reload(ListSnapshots snapshots) {
        current.set(snapshots);
    }

    public void reloadFrom(Path dir) {
        reload(ListSnapshots.fromDirectory(dir));
    }

    public ListSnapshots snapshots() {
        return current.get();
    }

    /** The domain or any parent domain (below the TLD) is a known disposable service. */
    public boolean isDisposable(String asciiDomain) {
        var set = current.get().disposableDomains();
        String d = asciiDomain;
        while (true) {
            if (set.contains(d)) {
                return true;
            }
            int dot = d.indexOf('.');
            if (dot < 0 || d.indexOf('.', dot + 1) < 0) {
                return false;
            }
            d = d.substring(dot + 1);
        }
    }

    public boolean isFreeProvider(String asciiDomain) {
        return current.get().freeProviderDomains().contains(asciiDomain);
    }

    /** Role local part, ignoring case, a {@code +tag} and separators ({@code no-reply} = {@code noreply}). */
    public boolean isRole(String localPart) {
        var set = current.get().roleLocalParts();
        String l = localPart.toLowerCase(Locale.ROOT);
        int plus = l.indexOf('+');
        if (plus > 0) {
            l = l.substring(0, plus);
        }
        if (set.contains(l)) {
            return true;
        }
        if (l.indexOf('.') >= 0 || l.indexOf('_') >= 0 || l.indexOf('-') >= 0) {
            String bare = l.replace(".", "").replace("_", "").replace("-", "");
            return set.contains(bare);
        }
        return false;
    }
}
