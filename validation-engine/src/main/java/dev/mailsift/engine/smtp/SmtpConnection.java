package dev.mailsift.engine.smtp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A line-oriented SMTP client connection: replies parsed per RFC 5321 §4.2, commands CRLF-terminated. */
final class SmtpConnection implements Closeable {

    private static final int MAX_LINE = 4096;
    private static final int MAX_LINES = 100;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final long replyTimeoutNanos;
    private long replyDeadline;

    SmtpConnection(InetAddress address, int port, SmtpSettings settings) throws IOException {
        this.replyTimeoutNanos = settings.commandTimeout().toNanos();
        Socket plain;
        if (settings.socksProxy() != null) {
            plain = new Socket(new Proxy(Proxy.Type.SOCKS, settings.socksProxy()));
        } else {
            plain = new Socket();
        }
        try {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(address, port), (int) settings.connectTimeout().toMillis());
            plain.setSoTimeout((int) settings.commandTimeout().toMillis());
        } catch (IOException failure) {
            plain.close();
            throw failure;
        }
        attach(plain);
    }

    /** From here on reads and writes go through {@code connected}: the plain socket, or the TLS one after STARTTLS. */
    private void attach(Socket connected) throws IOException {
        this.socket = connected;
        this.in = new BufferedInputStream(connected.getInputStream(), 2048);
        this.out = connected.getOutputStream();
    }

    /** One reply; the whole reply (not just each read) must arrive within the command timeout. */
    SmtpReply read() throws IOException {
        replyDeadline = System.nanoTime() + replyTimeoutNanos;
        List<String> lines = new ArrayList<>(2);
        int code = -1;
        while (true) {
            String line = readLine();
            if (line.length() < 3) {
                throw new IOException("malformed SMTP reply: " + line);
            }
            int lineCode;
            try {
                lineCode = Integer.parseInt(line.substring(0, 3));
            } catch (NumberFormatException notANumber) {
                throw new IOException("malformed SMTP reply: " + line);
            }
            if (code >= 0 && lineCode != code) {
                throw new IOException("inconsistent multi-line reply");
            }
            code = lineCode;
            boolean more = line.length() > 3 && line.charAt(3) == '-';
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (!more) {
                return SmtpReply.of(code, lines);
            }
            if (lines.size() > MAX_LINES) {
                throw new IOException("SMTP reply too long");
            }
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
        while (true) {
            int octet = in.read();
            if (System.nanoTime() - replyDeadline > 0) {
                throw new java.net.SocketTimeoutException("reply not complete within the command timeout");
            }
            if (octet < 0) {
                throw new EOFException("connection closed by server");
            }
            if (octet == '\n') {
                byte[] bytes = buf.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            buf.write(octet);
            if (buf.size() > MAX_LINE) {
                throw new IOException("SMTP reply line too long");
            }
        }
    }

    SmtpReply command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return read();
    }

    /**
     * RFC 2920 pipelining: the commands go out in one write, and their replies are then read in the same order with
     * {@link #read()}. Only for a server that offered PIPELINING, and only commands that may share a group.
     */
    void send(List<String> lines) throws IOException {
        StringBuilder group = new StringBuilder(lines.size() * 48);
        for (String line : lines) {
            group.append(line).append("\r\n");
        }
        out.write(group.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads until the server closes the connection or {@code millis} pass. */
    void awaitClose(int millis) {
        try {
            socket.setSoTimeout(millis);
            byte[] buf = new byte[256];
            long deadline = System.nanoTime() + millis * 1_000_000L;
            while (in.read(buf) >= 0) {
                if (System.nanoTime() - deadline > 0) {
                    return;
                }
            }
        } catch (IOException ignored) {
            // closed, reset or timed out: either way we are done
        }
    }

    void startTls(String host) throws IOException {
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {TRUST_ALL}, new SecureRandom());
        } catch (Exception unavailable) {
            throw new IOException("TLS unavailable", unavailable);
        }
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, host, socket.getPort(), true);
        SSLParameters params = tls.getSSLParameters();
        try {
            params.setServerNames(List.of(new SNIHostName(host)));
        } catch (IllegalArgumentException ignored) {
            // an IP literal or odd name: no SNI
        }
        tls.setSSLParameters(params);
        tls.setUseClientMode(true);
        tls.setSoTimeout(socket.getSoTimeout());
        tls.startHandshake();
        attach(tls);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /**
     * A probe sends no message, so it does not authenticate the server: MX certificates are routinely
     * self-signed or for another name, and refusing them would only lose answers.
     */
    private static final X509TrustManager TRUST_ALL = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };
}
