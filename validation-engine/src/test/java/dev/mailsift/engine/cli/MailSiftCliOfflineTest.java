package dev.mailsift.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailSiftCliOfflineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int code, List<JsonNode> lines, String err) {
    }

    static Run run(String stdin, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = MailSiftCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        List<JsonNode> lines = new ArrayList<>();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!l.isBlank()) {
                lines.add(JSON.readTree(l));
            }
        }
        return new Run(code, lines, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void verifyPrintsOneJsonObjectPerAddressInInputOrder() throws Exception {
        Run r = run("", "verify", "--offline", "john@gmial.com", "bad..dots@example.com", "info@mailsift-test.dev",
                "someone@mailinator.com", "Jane.Doe+x@GMAIL.com");
        assertThat(r.code()).isZero();
        assertThat(r.lines()).hasSize(5);
        assertThat(r.lines()).extracting(n -> n.get("email").asText()).containsExactly("john@gmial.com",
                "bad..dots@example.com", "info@mailsift-test.dev", "someone@mailinator.com", "Jane.Doe+x@GMAIL.com");
        JsonNode typo = r.lines().get(0);
        assertThat(typo.get("suggestion").asText()).isEqualTo("john@gmail.com");
        JsonNode bad = r.lines().get(1);
        assertThat(bad.get("status").asText()).isEqualTo("undeliverable");
        assertThat(bad.get("reason").asText()).isEqualTo("bad_syntax");
        assertThat(bad.get("syntax_valid").asBoolean()).isFalse();
        JsonNode role = r.lines().get(2);
        assertThat(role.get("role").asBoolean()).isTrue();
        assertThat(role.get("status").asText()).isEqualTo("unknown");
        assertThat(role.get("reason").asText()).isEqualTo("not_checked");
        JsonNode disposable = r.lines().get(3);
        assertThat(disposable.get("status").asText()).isEqualTo("risky");
        assertThat(disposable.get("disposable").asBoolean()).isTrue();
        JsonNode gmail = r.lines().get(4);
        assertThat(gmail.get("normalized_email").asText()).isEqualTo("janedoe@gmail.com");
        assertThat(gmail.get("free_provider").asBoolean()).isTrue();
        for (JsonNode n : r.lines()) {
            assertThat(n.has("catch_all")).isTrue();
            assertThat(n.get("mx_host").isNull()).isTrue();
        }
    }

    @Test
    void verifyReadsStdin() throws Exception {
        Run r = run("a@example.com\n\n  b@example.org  \nnot-an-address\n", "verify", "--offline", "--stdin");
        assertThat(r.code()).isZero();
        assertThat(r.lines()).extracting(n -> n.get("email").asText()).containsExactly("a@example.com", "b@example.org",
                "not-an-address");
    }

    @Test
    void badUsageExitsWithTwo() throws Exception {
        assertThat(run("", "verify", "--bogus").code()).isEqualTo(2);
        assertThat(run("", "verify", "--offline").code()).isEqualTo(2);
        assertThat(run("").code()).isEqualTo(2);
    }

    @Test
    void checkWritesAResultsFileAndASummary(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path in = dir.resolve("list.csv");
        java.nio.file.Files.writeString(in, "name,email\nA,a@example.org\nB,bad..x@example.org\nC,\nD,A@example.org\n");
        java.nio.file.Path outFile = dir.resolve("out.xlsx");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = MailSiftCli.run(new String[] {"check", "--offline", in.toString(), "-o", outFile.toString()},
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(code).isZero();
        String summary = out.toString(StandardCharsets.UTF_8);
        assertThat(summary).contains("rows: 4, with address: 3, unique: 2, duplicates: 1, without address: 1");
        assertThat(summary).contains("undeliverable: 1");
        try (dev.mailsift.engine.intake.ListReader r = dev.mailsift.engine.intake.ListReader.open(outFile)) {
            assertThat(r.header()).startsWith("name", "email", "status");
            List<String> names = new ArrayList<>();
            r.forEach(row -> names.add(row.cells().get(0)));
            assertThat(names).containsExactly("A", "B", "C", "D");
        }
        java.nio.file.Path bin = dir.resolve("bin.csv");
        java.nio.file.Files.write(bin, new byte[] {1, 0, 2, 0, 3});
        assertThat(MailSiftCli.run(new String[] {"check", "--offline", bin.toString()}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()))).isEqualTo(3);
    }
}
