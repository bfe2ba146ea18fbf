package dev.mailsift.engine.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * MX and address lookups with dnsjava against a configurable resolver, a TTL-honouring cache (positive answers
 * by their records' TTL, NXDOMAIN/NODATA by the SOA minimum, failures briefly), single flight per name and type,
 * and a bound on queries in flight.
 */
public final class DnsResolver {

    /** Raw outcome of one query. */
    record Answer(int rcode, List<Record> records, boolean failed, String detail) {
    }

    private record Cached(CompletableFuture<Answer> answer, long expiresAtNanos) {
    }

    private static final long MAX_TTL_SECONDS = 3600;
    private static final long NEGATIVE_DEFAULT_SECONDS = 300;
    private static final long FAILURE_TTL_SECONDS = 30;
    /** Past this many entries expired ones are purged, and if that is not enough the cache starts over. */
    private static final int MAX_ENTRIES = 200_000;

    private final Resolver resolver;
    private final Semaphore inFlight;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    /**
     * @param host        resolver address, or null for the system's resolvers
     * @param port        resolver port (53 normally)
     * @param timeout     per query
     * @param maxInFlight bound on concurrent queries
     */
    public DnsResolver(String host, int port, Duration timeout, int maxInFlight) {
        try {
            Resolver r;
            if (host == null) {
                r = new ExtendedResolver();
            } else {
                SimpleResolver s = new SimpleResolver(host);
                s.setPort(port);
                r = s;
            }
            r.setTimeout(timeout);
            this.resolver = r;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad DNS server address: " + host, e);
        }
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** MX hosts in preference order, the null MX, the A/AAAA fallback, or why there are none. */
    public MxResult lookupMx(String asciiDomain) {
        Answer mx = query(asciiDomain, Type.MX);
        if (mx.failed()) {
            return MxResult.of(MxResult.Kind.ERROR, mx.detail());
        }
        if (mx.rcode() == Rcode.NXDOMAIN) {
            return MxResult.of(MxResult.Kind.NO_DOMAIN, "NXDOMAIN");
        }
        if (mx.rcode() != Rcode.NOERROR) {
            return MxResult.of(MxResult.Kind.ERROR, Rcode.string(mx.rcode()));
        }
        List<MXRecord> records = new ArrayList<>();
        for (Record r : mx.records()) {
            if (r instanceof MXRecord m) {
                records.add(m);
            }
        }
        if (!records.isEmpty()) {
            if (records.size() == 1 && records.get(0).getTarget().equals(Name.root)) {
                return MxResult.of(MxResult.Kind.NULL_MX, "null MX (RFC 7505)");
            }
            Collections.shuffle(records, ThreadLocalRandom.current());
            records.sort((a, b) -> Integer.compare(a.getPriority(), b.getPriority()));
            List<String> hosts = new ArrayList<>(records.size());
            for (MXRecord r : records) {
                if (!r.getTarget().equals(Name.root)) {
                    String h = host(r.getTarget());
                    if (!hosts.contains(h)) {
                        hosts.add(h);
                    }
                }
            }
            if (hosts.isEmpty()) {
                return MxResult.of(MxResult.Kind.NULL_MX, "null MX (RFC 7505)");
            }
            return new MxResult(MxResult.Kind.OK, List.copyOf(hosts), false, null);
        }
        // NODATA: RFC 5321 §5.1 implicit MX when the domain has an address.
        Answer a = query(asciiDomain, Type.A);
        Answer aaaa = a.failed() || !hasType(a, Type.A) ? query(asciiDomain, Type.AAAA) : null;
        if (hasType(a, Type.A) || (aaaa != null && hasType(aaaa, Type.AAAA))) {
            return new MxResult(MxResult.Kind.OK, List.of(asciiDomain), true, "no MX; A/AAAA fallback");
        }
        if (a.failed() || (aaaa != null && aaaa.failed())) {
            return MxResult.of(MxResult.Kind.ERROR, a.failed() ? a.detail() : aaaa.detail());
        }
        return MxResult.of(MxResult.Kind.NO_MX, "no MX and no A/AAAA records");
    }

    /** IPv4 addresses first, then IPv6. Empty if none or on failure. */
    public List<InetAddress> addresses(String host) {
        List<InetAddress> out = new ArrayList<>();
        Answer a = query(host, Type.A);
        for (Record r : a.records()) {
            if (r instanceof ARecord ar) {
                out.add(ar.getAddress());
            }
        }
        if (out.isEmpty()) {
            Answer aaaa = query(host, Type.AAAA);
            for (Record r : aaaa.records()) {
                if (r instanceof AAAARecord ar) {
                    out.add(ar.getAddress());
                }
            }
        }
        return out;
    }

    private static boolean hasType(Answer a, int type) {
        if (a.failed() || a.rcode() != Rcode.NOERROR) {
            return false;
        }
        for (Record r : a.records()) {
            if (r.getType() == type) {
                return true;
            }
        }
        return false;
    }

    Answer query(String name, int type) {
        String key = name.toLowerCase(Locale.ROOT) + "/" + type;
        long now = System.nanoTime();
        while (true) {
            Cached c = cache.get(key);
            if (c != null && (c.expiresAtNanos() - now > 0 || !c.answer().isDone())) {
                return c.answer().join();
            }
            CompletableFuture<Answer> mine = new CompletableFuture<>();
            Cached placeholder = new Cached(mine, Long.MAX_VALUE);
            boolean won = c == null ? cache.putIfAbsent(key, placeholder) == null : cache.replace(key, c, placeholder);
            if (!won) {
                continue;
            }
            Answer answer;
            try {
                answer = doQuery(name, type);
            } catch (RuntimeException e) {
                // never leave waiters on an incomplete future
                answer = new Answer(Rcode.SERVFAIL, List.of(), true, "DNS failure: " + e);
            }
            long ttl = ttlSeconds(answer);
            cache.put(key, new Cached(mine, System.nanoTime() + ttl * 1_000_000_000L));
            if (cache.size() > MAX_ENTRIES) {
                trim();
            }
            mine.complete(answer);
            return answer;
        }
    }

    private void trim() {
        long now = System.nanoTime();
        cache.entrySet().removeIf(e -> e.getValue().answer().isDone() && e.getValue().expiresAtNanos() - now <= 0);
        if (cache.size() > MAX_ENTRIES) {
            cache.entrySet().removeIf(e -> e.getValue().answer().isDone());
        }
    }

    private Answer doQuery(String name, int type) {
        Name qname;
        try {
            qname = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            return new Answer(Rcode.FORMERR, List.of(), true, "bad name: " + e.getMessage());
        }
        Message query = Message.newQuery(Record.newRecord(qname, type, DClass.IN));
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(Rcode.SERVFAIL, List.of(), true, "interrupted");
        }
        try {
            Message response = resolver.send(query);
            int rcode = response.getRcode();
            if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
                return new Answer(rcode, List.of(), true, Rcode.string(rcode));
            }
            List<Record> records = new ArrayList<>(response.getSection(Section.ANSWER));
            records.addAll(soa(response));
            return new Answer(rcode, records, false, Rcode.string(rcode));
        } catch (IOException e) {
            return new Answer(Rcode.SERVFAIL, List.of(), true, "DNS " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } finally {
            inFlight.release();
        }
    }

    private static List<Record> soa(Message response) {
        List<Record> out = new ArrayList<>(1);
        for (Record r : response.getSection(Section.AUTHORITY)) {
            if (r instanceof SOARecord) {
                out.add(r);
            }
        }
        return out;
    }

    private static long ttlSeconds(Answer answer) {
        if (answer.failed()) {
            return FAILURE_TTL_SECONDS;
        }
        long ttl = Long.MAX_VALUE;
        boolean positive = false;
        for (Record r : answer.records()) {
            if (r instanceof SOARecord soa) {
                continue;
            }
            positive = true;
            ttl = Math.min(ttl, r.getTTL());
        }
        if (!positive) {
            ttl = NEGATIVE_DEFAULT_SECONDS;
            for (Record r : answer.records()) {
                if (r instanceof SOARecord soa) {
                    ttl = Math.min(soa.getTTL(), soa.getMinimum());
                }
            }
        }
        return Math.max(0, Math.min(ttl, MAX_TTL_SECONDS));
    }

    private static String host(Name n) {
        String s = n.toString(true);
        return s.toLowerCase(Locale.ROOT);
    }

    /** Entries currently cached (for tests and metrics). */
    public int cacheSize() {
        return cache.size();
    }

    public void clearCache() {
        cache.clear();
    }
}
