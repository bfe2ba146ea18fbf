package dev.mailsift.bench.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server that answers every command (and the banner) after a fixed delay, one virtual thread per
 * connection. RCPT answers 250, except local parts starting with "bad" (550 5.1.1) and MailSift's random
 * catch-all probe ("ms" + 14 letters, 550 5.1.1). Counts concurrent connections.
 */
final class SlowSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final long delayMillis;
    private final java.util.Set<Socket> sockets = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicInteger maxOpen = new AtomicInteger();

    SlowSmtpServer(String ip, int port, long delayMillis) throws IOException {
        this.server = new ServerSocket(port, 1024, InetAddress.getByName(ip));
        this.delayMillis = delayMillis;
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    int maxConcurrent() {
        return maxOpen.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                // Live connections = accepted sockets not yet closed by either side's close() here.
                int live = (int) sockets.stream().filter(x -> !x.isClosed()).count();
                maxOpen.accumulateAndGet(live, Math::max);
                Thread.ofVirtual().start(() -> session(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
            OutputStream out = s.getOutputStream();
            reply(out, "220 slow.bench ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
                switch (cmd) {
                    case "EHLO" -> reply(out, "250-slow.bench\r\n250-PIPELINING\r\n250 8BITMIME");
                    case "HELO", "MAIL", "RSET", "NOOP" -> reply(out, "250 2.0.0 OK");
                    case "RCPT" -> {
                        int lt = line.indexOf('<');
                        String local = lt >= 0 ? line.substring(lt + 1, line.indexOf('@', lt)) : "";
                        boolean probe = local.length() == 16 && local.startsWith("ms");
                        reply(out, local.startsWith("bad") || probe ? "550 5.1.1 no such user" : "250 2.1.5 OK");
                    }
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException ignored) {
            // client went away
        } finally {
            sockets.remove(s);
        }
    }

    private void reply(OutputStream out, String text) throws IOException {
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
