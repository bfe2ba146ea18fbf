package dev.mailsift.engine.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * An authoritative DNS responder on a random UDP port of 127.0.0.1, built from dnsjava's wire classes.
 * Zones are scripted per name: records, an rcode (SERVFAIL, REFUSED) or silence (timeout).
 */
public final class TestDnsServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final Map<String, List<Record>> records = new ConcurrentHashMap<>();
    private final Map<String, Integer> rcodes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> silent = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> queries = new ConcurrentHashMap<>();
    private final Thread loop;

    public TestDnsServer() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        loop = Thread.ofVirtual().start(this::serve);
    }

    public int port() {
        return socket.getLocalPort();
    }

    private static Name name(String s) {
        try {
            return Name.fromString(s.endsWith(".") ? s : s + ".");
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void add(Record r) {
        records.computeIfAbsent(r.getName().toString().toLowerCase(), k -> new CopyOnWriteArrayList<>()).add(r);
    }

    public TestDnsServer mx(String domain, int preference, String host) {
        add(new MXRecord(name(domain), DClass.IN, 300, preference, host.equals(".") ? Name.root : name(host)));
        return this;
    }

    public TestDnsServer mx(String domain, int preference, String host, long ttl) {
        add(new MXRecord(name(domain), DClass.IN, ttl, preference, name(host)));
        return this;
    }

    public TestDnsServer a(String host, String ip) {
        try {
            add(new ARecord(name(host), DClass.IN, 300, InetAddress.getByName(ip)));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    public TestDnsServer aaaa(String host, String ip) {
        try {
            add(new AAAARecord(name(host), DClass.IN, 300, InetAddress.getByName(ip)));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    /** The name exists (NOERROR) with no records of the asked type. */
    public TestDnsServer exists(String host) {
        records.computeIfAbsent(name(host).toString().toLowerCase(), k -> new CopyOnWriteArrayList<>());
        return this;
    }

    public TestDnsServer rcode(String host, int rcode) {
        rcodes.put(name(host).toString().toLowerCase(), rcode);
        return this;
    }

    public TestDnsServer silent(String host) {
        silent.put(name(host).toString().toLowerCase(), true);
        return this;
    }

    public int queriesFor(String host, int type) {
        AtomicInteger n = queries.get(name(host).toString().toLowerCase() + "/" + Type.string(type));
        return n == null ? 0 : n.get();
    }

    private void serve() {
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                Message q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                Record question = q.getQuestion();
                String qname = question.getName().toString().toLowerCase();
                queries.computeIfAbsent(qname + "/" + Type.string(question.getType()), k -> new AtomicInteger()).incrementAndGet();
                if (silent.containsKey(qname)) {
                    continue;
                }
                Message r = new Message(q.getHeader().getID());
                r.getHeader().setFlag(Flags.QR);
                r.getHeader().setFlag(Flags.AA);
                if (q.getHeader().getFlag(Flags.RD)) {
                    r.getHeader().setFlag(Flags.RD);
                }
                r.addRecord(question, Section.QUESTION);
                Integer rcode = rcodes.get(qname);
                List<Record> all = records.get(qname);
                if (rcode != null) {
                    r.getHeader().setRcode(rcode);
                } else if (all == null) {
                    r.getHeader().setRcode(Rcode.NXDOMAIN);
                    r.addRecord(soa(), Section.AUTHORITY);
                } else {
                    boolean any = false;
                    for (Record rec : all) {
                        if (rec.getType() == question.getType()) {
                            r.addRecord(rec, Section.ANSWER);
                            any = true;
                        }
                    }
                    if (!any) {
                        r.addRecord(soa(), Section.AUTHORITY);
                    }
                }
                byte[] wire = r.toWire();
                socket.send(new DatagramPacket(wire, wire.length, p.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private static Record soa() {
        return new SOARecord(name("test."), DClass.IN, 60, name("ns.test."), name("hostmaster.test."), 1, 3600, 600, 86400, 60);
    }

    @Override
    public void close() {
        socket.close();
        loop.interrupt();
    }
}
