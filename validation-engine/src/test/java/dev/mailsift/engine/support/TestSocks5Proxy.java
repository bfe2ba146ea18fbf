package dev.mailsift.engine.support;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A minimal RFC 1928 SOCKS5 proxy (no auth, CONNECT only) that counts the connections it relays. */
public final class TestSocks5Proxy implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger connects = new AtomicInteger();

    public TestSocks5Proxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Thread.ofVirtual().start(() -> handle(client));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    public int port() {
        return server.getLocalPort();
    }

    public int connects() {
        return connects.get();
    }

    private void handle(Socket client) {
        try (client) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            if (in.readUnsignedByte() != 5) {
                return;
            }
            int methods = in.readUnsignedByte();
            in.readNBytes(methods);
            out.write(new byte[] {5, 0});
            out.flush();
            int ver = in.readUnsignedByte();
            int cmd = in.readUnsignedByte();
            in.readUnsignedByte();
            int atyp = in.readUnsignedByte();
            InetAddress addr;
            if (atyp == 1) {
                addr = InetAddress.getByAddress(in.readNBytes(4));
            } else if (atyp == 4) {
                addr = InetAddress.getByAddress(in.readNBytes(16));
            } else {
                addr = InetAddress.getByName(new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII));
            }
            int port = in.readUnsignedShort();
            if (ver != 5 || cmd != 1) {
                out.write(new byte[] {5, 7, 0, 1, 0, 0, 0, 0, 0, 0});
                return;
            }
            try (Socket target = new Socket(addr, port)) {
                connects.incrementAndGet();
                out.write(new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
                out.flush();
                Thread up = Thread.ofVirtual().start(() -> pipe(in, target));
                pipe(target.getInputStream(), client);
                up.join(1_000);
            }
        } catch (IOException | InterruptedException ignored) {
            // connection over
        }
    }

    private static void pipe(InputStream from, Socket to) {
        try {
            from.transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException ignored) {
            // one side closed
        }
    }


    @Override
    public void close() throws IOException {
        server.close();
    }
}
