package dev.mailsift.web.platform.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends the service's own mail (confirmation codes, password resets) from templates under
 * {@code templates/mail}: {@code <name>.txt} (first line {@code Subject: …}) and {@code <name>.html}, with
 * {@code {{placeholders}}} (HTML-escaped in the HTML part). Without {@code spring.mail.host} (the embedded
 * default) the mail is written to the log instead.
 */
@Component
public class TransactionalMail {

    private static final Logger log = LoggerFactory.getLogger(TransactionalMail.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");
    private static final String SUBJECT = "Subject: ";

    private final ObjectProvider<JavaMailSender> sender;
    private final String from;

    TransactionalMail(ObjectProvider<JavaMailSender> sender, @Value("${mailsift.mail.from}") String from) {
        this.sender = sender;
        this.from = from;
    }

    /** Renders and sends; a delivery failure is logged, never thrown (the user can ask again). */
    public void send(String to, String template, Map<String, String> values) {
        String text = render(template + ".txt", values, false);
        String html = render(template + ".html", values, true);
        if (!text.startsWith(SUBJECT)) {
            throw new IllegalStateException("mail template " + template + ".txt must start with 'Subject: '");
        }
        int lineEnd = text.indexOf('\n');
        String subject = text.substring(SUBJECT.length(), lineEnd).strip();
        String body = text.substring(lineEnd + 1).stripLeading();
        JavaMailSender mailSender = sender.getIfAvailable();
        if (mailSender == null) {
            log.info("Mail (no spring.mail.host set, so it is shown here instead of sent)\n  To: {}\n  Subject: {}\n\n{}",
                    to, subject, body);
            return;
        }
        try {
            MimeMessage message = mailSender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(to);
            helper.setSubject(subject);
            helper.setText(body, html);
            mailSender.send(message);
        } catch (MessagingException | MailException e) {
            log.warn("Could not send the {} mail to {}: {}", template, to, e.getMessage());
        }
    }

    private static String render(String name, Map<String, String> values, boolean html) {
        String template;
        try {
            template = new ClassPathResource("templates/mail/" + name).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing mail template " + name, e);
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.getOrDefault(matcher.group(1), "");
            matcher.appendReplacement(out, Matcher.quoteReplacement(html ? HtmlUtils.htmlEscape(value) : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
