package dev.mailsift.bench.engine;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** A minimal authoritative UDP responder (dnsjava wire classes) for the SMTP benchmark's fake domains. */
final class BenchDnsServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final Map<String, List<Record>> records = new ConcurrentHashMap<>();

    BenchDnsServer() throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(this::serve);
    }

    int port() {
        return socket.getLocalPort();
    }

    void mx(String domain, String host) throws IOException {
        add(new MXRecord(Name.fromString(domain + "."), DClass.IN, 3600, 10, Name.fromString(host + ".")));
    }

    void a(String host, String ip) throws IOException {
        add(new ARecord(Name.fromString(host + "."), DClass.IN, 3600, InetAddress.getByName(ip)));
    }

    private void add(Record r) {
        records.computeIfAbsent(r.getName().toString().toLowerCase(), k -> new CopyOnWriteArrayList<>()).add(r);
    }

    private void serve() {
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                Message q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                Record question = q.getQuestion();
                Message r = new Message(q.getHeader().getID());
                r.getHeader().setFlag(Flags.QR);
                r.getHeader().setFlag(Flags.AA);
                r.addRecord(question, Section.QUESTION);
                List<Record> all = records.get(question.getName().toString().toLowerCase());
                if (all == null) {
                    r.getHeader().setRcode(Rcode.NXDOMAIN);
                } else {
                    for (Record rec : all) {
                        if (rec.getType() == question.getType()) {
                            r.addRecord(rec, Section.ANSWER);
                        }
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

    @Override
    public void close() {
        socket.close();
    }
}
