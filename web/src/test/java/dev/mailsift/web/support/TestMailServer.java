package dev.mailsift.web.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/** One in-process GreenMail SMTP server on a free port, shared by the test contexts of this JVM. */
public final class TestMailServer {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static GreenMail server;

    private TestMailServer() {
    }

    public static synchronized GreenMail server() {
        if (server == null) {
            server = new GreenMail(ServerSetup.SMTP.dynamicPort());
            server.start();
        }
        return server;
    }

    public static int port() {
        return server().getSmtp().getPort();
    }

    /** Every message received for {@code address} so far. */
    public static List<MimeMessage> messagesTo(String address) {
        return Arrays.stream(server().getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                             .anyMatch(to -> to.toString().equalsIgnoreCase(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    /** Waits for the {@code n}-th message (1-based) to {@code address}. */
    public static MimeMessage awaitMessage(String address, int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesTo(address).size() >= n);
        return messagesTo(address).get(n - 1);
    }

    /** The six-digit code in a message's text part. */
    public static String codeIn(MimeMessage message) {
        Matcher matcher = CODE.matcher(textPart(message));
        if (!matcher.find()) {
            throw new AssertionError("no code in " + GreenMailUtil.getBody(message));
        }
        return matcher.group(1);
    }

    public static String textPart(MimeMessage message) {
        return part(message, "text/plain");
    }

    public static String htmlPart(MimeMessage message) {
        return part(message, "text/html");
    }

    private static String part(MimeMessage message, String type) {
        try {
            return findPart(message.getContent(), type);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String findPart(Object content, String type) throws Exception {
        if (content instanceof MimeMultipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                var part = multipart.getBodyPart(i);
                if (part.isMimeType(type)) {
                    return String.valueOf(part.getContent());
                }
                String nested = findPart(part.getContent(), type);
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }
}
