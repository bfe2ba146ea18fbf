package dev.mailsift.bench.engine;

import com.sanctionco.jmail.JMail;
import dev.mailsift.engine.syntax.EmailSyntax;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.commons.validator.routines.EmailValidator;

/** The validators compared, each as "is this address valid?" with its default/recommended settings. */
public final class Validators {

    private Validators() {
    }

    public static boolean mailsift(String s) {
        return EmailSyntax.standard().isValid(s);
    }

    public static boolean jmail(String s) {
        return JMail.isValid(s);
    }

    private static final EmailValidator COMMONS = EmailValidator.getInstance(false, false);

    public static boolean commons(String s) {
        return COMMONS.isValid(s);
    }

    public static boolean jakarta(String s) {
        try {
            new InternetAddress(s, true).validate();
            return true;
        } catch (AddressException | RuntimeException e) {
            return false;
        }
    }

    public static Map<String, Predicate<String>> all() {
        Map<String, Predicate<String>> m = new LinkedHashMap<>();
        m.put("mailsift", Validators::mailsift);
        m.put("jmail", Validators::jmail);
        m.put("commons-validator", Validators::commons);
        m.put("jakarta-mail", Validators::jakarta);
        return m;
    }
}
