package dev.mailsift.bench.engine;

import com.sanctionco.jmail.JMail;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * JMail as a whole process, for the CLI benchmark: JMail has no command line of its own, so this is the least a
 * program does to give the same service: one address a line from standard input, {@code JMail.isValid}, one
 * JSON line out ({@code {"email":"...","valid":true}}, the address escaped), buffered.
 */
public final class JmailCliMain {

    public static void main(String[] args) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
             BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)) {
            StringBuilder line = new StringBuilder(128);
            String address;
            while ((address = in.readLine()) != null) {
                address = address.strip();
                if (address.isEmpty()) {
                    continue;
                }
                line.setLength(0);
                line.append("{\"email\":\"");
                escape(address, line);
                line.append("\",\"valid\":").append(JMail.isValid(address)).append("}\n");
                out.append(line);
            }
        }
    }

    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
    }
}
