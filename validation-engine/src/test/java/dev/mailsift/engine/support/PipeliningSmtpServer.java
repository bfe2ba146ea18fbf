package dev.mailsift.engine.support;

import dev.mailsift.engine.support.ScriptedSmtpServer.Accept;
import dev.mailsift.engine.support.ScriptedSmtpServer.Answer;
import dev.mailsift.engine.support.ScriptedSmtpServer.Drop;
import dev.mailsift.engine.support.ScriptedSmtpServer.Greylist;
import dev.mailsift.engine.support.ScriptedSmtpServer.Reject;
import dev.mailsift.engine.support.ScriptedSmtpServer.Stall;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An SMTP server on loopback that can offer RFC 2920 PIPELINING and answers late like a distant one. Commands are
 * read from a buffered stream as they arrive, each stamped with its arrival, and answered in order, each reply
 * {@code replyDelayMillis} after its own command arrived (and the banner that long after the connection): for a
 * client that waits for every reply this is one slow round trip per command; a pipelined group's replies all come
 * one delay after the group. RCPT answers follow a script ({@link ScriptedSmtpServer}'s answers); more than
 * {@code maxRecipients} in one transaction get 452 4.5.3. Counts sessions the way the cap is meant: sockets accepted
 * and not yet closed by the server; and the most commands that were waiting for their replies at once, which is
 * more than one only if the client pipelined.
 */
public final class PipeliningSmtpServer implements AutoCloseable {

    /** How the server behaves; {@link #pipelining} false makes it an RFC 5321 server without the extension. */
    public record Options(boolean pipelining, long replyDelayMillis, int maxRecipients) {
        public static Options pipelining(long replyDelayMillis) {
            return new Options(true, replyDelayMillis, Integer.MAX_VALUE);
        }

        public static Options lockstep(long replyDelayMillis) {
            return new Options(false, replyDelayMillis, Integer.MAX_VALUE);
        }

        public Options maxRecipients(int max) {
            return new Options(pipelining, replyDelayMillis, max);
        }
    }

    private record Command(String line, long arrivedNanos) {
    }

    private static final Command CLOSED = new Command(null, 0);

    private final ServerSocket server;
    private final Options options;
    private final Function<String, Answer> script;
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger maxLive = new AtomicInteger();
    private final AtomicInteger sessionsStarted = new AtomicInteger();
    private final AtomicInteger maxWaiting = new AtomicInteger();
    private final Map<String, AtomicInteger> rcptCounts = new ConcurrentHashMap<>();

    public PipeliningSmtpServer(String bindIp, int port, Options options, Function<String, Answer> script) throws IOException {
        this.server = new ServerSocket(port, 1024, InetAddress.getByName(bindIp));
        this.options = options;
        this.script = script;
        Thread.ofVirtual().name("smtp-accept").start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The most connections open at once, as the server counts them (accepted, not yet closed here). */
    public int maxConcurrentSessions() {
        return maxLive.get();
    }

    public int sessionsStarted() {
        return sessionsStarted.get();
    }

    /** The most commands received and not yet answered at one moment: above one only for a pipelining client. */
    public int maxCommandsAwaitingReply() {
        return maxWaiting.get();
    }

    public int rcptCount(String recipient) {
        AtomicInteger n = rcptCounts.get(recipient.toLowerCase(Locale.ROOT));
        return n == null ? 0 : n.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                long accepted = System.nanoTime();
                sessionsStarted.incrementAndGet();
                live.add(socket);
                // Sockets this server has closed may linger in the set a moment after the client saw the close.
                maxLive.accumulateAndGet((int) live.stream().filter(open -> !open.isClosed()).count(), Math::max);
                Thread.ofVirtual().name("smtp-session").start(() -> session(socket, accepted));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void session(Socket socket, long accepted) {
        LinkedBlockingQueue<Command> commands = new LinkedBlockingQueue<>();
        AtomicInteger waiting = new AtomicInteger();
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            Thread.ofVirtual().name("smtp-read").start(() -> {
                try {
                    String line;
                    while ((line = in.readLine()) != null) {
                        maxWaiting.accumulateAndGet(waiting.incrementAndGet(), Math::max);
                        commands.add(new Command(line, System.nanoTime()));
                    }
                } catch (IOException gone) {
                    // closed by either side
                }
                commands.add(CLOSED);
            });
            OutputStream out = socket.getOutputStream();
            Transaction transaction = new Transaction();
            replyAt(out, accepted, "220 mx.pipelining.test ESMTP");
            while (true) {
                Command command = commands.take();
                if (command == CLOSED) {
                    return;
                }
                String reply = answer(command.line(), transaction);
                waiting.decrementAndGet();
                if (reply == null) {
                    return; // dropped
                }
                replyAt(out, command.arrivedNanos(), reply);
                if (reply.startsWith("221") || reply.startsWith("421")) {
                    return;
                }
            }
        } catch (IOException | InterruptedException gone) {
            // client went away or the server stops
        } finally {
            live.remove(socket);
        }
    }

    /** State of the current mail transaction. */
    private static final class Transaction {
        boolean mail;
        int rcpts;
    }

    /** The reply to one command, or null to drop the connection without one. */
    private String answer(String line, Transaction transaction) throws InterruptedException {
        String verb = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT);
        switch (verb) {
            case "EHLO" -> {
                transaction.mail = false;
                return "250-mx.pipelining.test\r\n" + (options.pipelining() ? "250-PIPELINING\r\n" : "") + "250-8BITMIME\r\n250 SMTPUTF8";
            }
            case "HELO" -> {
                transaction.mail = false;
                return "250 mx.pipelining.test";
            }
            case "MAIL" -> {
                if (transaction.mail) {
                    return "503 5.5.1 nested MAIL command";
                }
                transaction.mail = true;
                transaction.rcpts = 0;
                return "250 2.1.0 OK";
            }
            case "RSET" -> {
                transaction.mail = false;
                return "250 2.0.0 OK";
            }
            case "NOOP" -> {
                return "250 2.0.0 OK";
            }
            case "QUIT" -> {
                return "221 2.0.0 bye";
            }
            case "RCPT" -> {
                if (!transaction.mail) {
                    return "503 5.5.1 need MAIL before RCPT";
                }
                return rcpt(line, transaction);
            }
            default -> {
                return "502 5.5.2 not implemented";
            }
        }
    }

    private String rcpt(String line, Transaction transaction) throws InterruptedException {
        int lt = line.indexOf('<');
        int gt = line.lastIndexOf('>');
        if (lt < 0 || gt < lt) {
            return "501 5.1.3 bad recipient syntax";
        }
        if (transaction.rcpts >= options.maxRecipients()) {
            return "452 4.5.3 Too many recipients";
        }
        String recipient = line.substring(lt + 1, gt).toLowerCase(Locale.ROOT);
        int count = rcptCounts.computeIfAbsent(recipient, r -> new AtomicInteger()).incrementAndGet();
        Answer answer = script.apply(recipient);
        String reply = switch (answer) {
            case Accept accept -> "250 2.1.5 OK";
            case Reject reject -> reject.code() + " " + reject.text();
            case Greylist greylist -> count == 1 ? "451 4.7.1 Greylisted, please try again later" : "250 2.1.5 OK";
            case Stall stall -> {
                Thread.sleep(stall.millis());
                yield "250 2.1.5 OK";
            }
            case Drop drop -> null;
        };
        if (reply != null && reply.startsWith("250")) {
            transaction.rcpts++;
        }
        return reply;
    }

    private void replyAt(OutputStream out, long sinceNanos, String reply) throws IOException, InterruptedException {
        long wait = sinceNanos + TimeUnit.MILLISECONDS.toNanos(options.replyDelayMillis()) - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : live) {
            socket.close();
        }
    }
}
