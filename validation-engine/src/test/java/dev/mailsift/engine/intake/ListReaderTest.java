package dev.mailsift.engine.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailsift.engine.EmailVerifier;
import dev.mailsift.engine.Reason;
import dev.mailsift.engine.Verdict;
import dev.mailsift.engine.results.ResultsWriter;
import dev.mailsift.engine.support.TestWorkbooks;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListReaderTest {

    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static List<InputRow> rows(ListReader r) {
        List<InputRow> out = new ArrayList<>();
        r.forEach(out::add);
        return out;
    }

    @Test
    void csvWithBomSemicolonsHeaderAndDisplayNames() throws Exception {
        byte[] body = "Name;E-mail;Note\r\nJohn;\"John Doe\" <john@example.org>;x\r\nJane;mailto:jane@example.org?subject=hi;\r\nJo;JOHN@example.org;\r\nG;j.doe@gmail.com;\r\nG2;JDoe+news@googlemail.com;\r\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        try (ListReader r = ListReader.open(file("a.csv", withBom))) {
            assertThat(r.format()).isEqualTo(ListReader.Format.CSV);
            assertThat(r.delimiter()).isEqualTo(';');
            assertThat(r.header()).containsExactly("Name", "E-mail", "Note");
            assertThat(r.emailColumn()).isEqualTo(1);
            List<InputRow> rows = rows(r);
            assertThat(rows).extracting(InputRow::email).containsExactly("john@example.org", "jane@example.org", "JOHN@example.org",
                    "j.doe@gmail.com", "JDoe+news@googlemail.com");
            assertThat(rows).extracting(InputRow::duplicate).containsExactly(false, false, true, false, true);
            assertThat(rows.get(1).cells()).containsExactly("Jane", "mailto:jane@example.org?subject=hi", "");
        }
    }

    @Test
    void aMailtoWithAMalformedPercentEscapeIsReadAsAnAddressThatFailsSyntax() throws Exception {
        byte[] csv = "name,email\nA,mailto:a%zzb@example.com\nB,mailto:%\nC,mailto:x%4\nD,mailto:d@example.org\n"
                .getBytes(StandardCharsets.UTF_8);
        try (ListReader r = ListReader.open(file("mailto.csv", csv)); EmailVerifier v = EmailVerifier.builder().offline(true).build()) {
            List<InputRow> rows = rows(r);
            assertThat(rows).extracting(InputRow::email)
                    .containsExactly("mailto:a%zzb@example.com", "mailto:%", "mailto:x%4", "d@example.org");
            assertThat(rows.subList(0, 3)).extracting(row -> v.verify(row.email()).reason()).containsOnly(Reason.BAD_SYNTAX);
        }
    }

    @Test
    void anUnexpectedFailureWhileReadingRowsRejectsTheFileAsMalformed() {
        assertThatThrownBy(() -> ListReader.readingRow(12, () -> {
            throw new IllegalArgumentException("URLDecoder: Illegal hex characters in escape (%) pattern");
        })).isInstanceOf(IntakeException.class).hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 12 cannot be read: the file is damaged or holds something other than a list")
                .satisfies(e -> assertThat(((IntakeException) e).kind()).isEqualTo(IntakeException.Kind.MALFORMED));
        assertThatThrownBy(() -> ListReader.readingRow(0, () -> {
            throw new NumberFormatException("For input string: \"x\"");
        })).hasMessageStartingWith("one of the first rows cannot be read");
        IntakeException refusal = new IntakeException(IntakeException.Kind.TOO_MANY_COLUMNS, "too wide");
        assertThatThrownBy(() -> ListReader.readingRow(3, () -> {
            throw refusal;
        })).isSameAs(refusal);
        assertThat(ListReader.readingRow(4, () -> "row 4")).isEqualTo("row 4");
    }

    @Test
    void tsvAndHeaderlessTxtAndWindows1252() throws Exception {
        try (ListReader r = ListReader.open(file("b.tsv", "id\tmail\n1\ta@example.org\n2\tb@example.org\n".getBytes(StandardCharsets.UTF_8)))) {
            assertThat(r.delimiter()).isEqualTo('\t');
            assertThat(rows(r)).extracting(InputRow::email).containsExactly("a@example.org", "b@example.org");
        }
        try (ListReader r = ListReader.open(file("c.txt", "a@example.org\nb@example.org\n\nc@example.org\n".getBytes(StandardCharsets.UTF_8)))) {
            assertThat(r.header()).isNull();
            assertThat(r.emailColumn()).isZero();
            assertThat(rows(r)).extracting(InputRow::email).containsExactly("a@example.org", "b@example.org", "c@example.org");
        }
        byte[] latin = "name,email\nRené,rene@example.org\n".getBytes(Charset.forName("windows-1252"));
        try (ListReader r = ListReader.open(file("d.csv", latin))) {
            assertThat(r.charset().name()).isEqualTo("windows-1252");
            assertThat(rows(r).get(0).cells().get(0)).isEqualTo("René");
        }
    }

    @Test
    void readsFromAStreamAndCleansUp() throws Exception {
        byte[] body = "email\nx@example.org\ny@example.org\n".getBytes(StandardCharsets.UTF_8);
        try (ListReader r = ListReader.open(new java.io.ByteArrayInputStream(body), IntakeOptions.defaults())) {
            assertThat(rows(r)).extracting(InputRow::email).containsExactly("x@example.org", "y@example.org");
        }
        assertKind(() -> ListReader.open(new java.io.ByteArrayInputStream(body), IntakeOptions.defaults().withLimits(10, 1000, 1000)),
                IntakeException.Kind.TOO_LARGE);
    }

    @Test
    void utf16WithAndWithoutBom() throws Exception {
        String text = "email,name\nzoë@example.org,Zoë\n";
        try (ListReader r = ListReader.open(file("le.csv", text.getBytes(StandardCharsets.UTF_16LE)))) {
            assertThat(r.charset()).isEqualTo(StandardCharsets.UTF_16LE);
            assertThat(rows(r).get(0).email()).isEqualTo("zoë@example.org");
        }
        try (ListReader r = ListReader.open(file("be.csv", text.getBytes(StandardCharsets.UTF_16)))) { // with BOM
            assertThat(rows(r).get(0).cells()).containsExactly("zoë@example.org", "Zoë");
        }
    }

    @Test
    void streamsAndDedupesALargeListInOnePass() throws Exception {
        Path big = dir.resolve("big-list.csv");
        try (var w = Files.newBufferedWriter(big)) {
            w.write("id,email\n");
            for (int i = 0; i < 200_000; i++) {
                w.write(i + ",user" + (i % 150_000) + "@Example.org\n");
            }
        }
        long rows = 0;
        long dups = 0;
        try (ListReader r = ListReader.open(big)) {
            for (InputRow row : r) {
                rows++;
                if (row.duplicate()) {
                    dups++;
                }
            }
        }
        assertThat(rows).isEqualTo(200_000);
        assertThat(dups).isEqualTo(50_000);
    }

    @Test
    void overridesWin() throws Exception {
        Path p = file("e.csv", "a@example.org,b@example.org\nc@example.org,d@example.org\n".getBytes(StandardCharsets.UTF_8));
        try (ListReader r = ListReader.open(p, IntakeOptions.defaults().withEmailColumn("2"))) {
            assertThat(rows(r)).extracting(InputRow::email).containsExactly("b@example.org", "d@example.org");
        }
        try (ListReader r = ListReader.open(p, IntakeOptions.defaults().withHeader(true))) {
            assertThat(r.header()).containsExactly("a@example.org", "b@example.org");
        }
        assertThatThrownBy(() -> ListReader.open(p, IntakeOptions.defaults().withEmailColumn("nope")))
                .isInstanceOf(IntakeException.class).extracting(e -> ((IntakeException) e).kind())
                .isEqualTo(IntakeException.Kind.NO_EMAIL_COLUMN);
    }

    @Test
    void xlsxRoundTripKeepsColumnsAndOrderAndNeutralisesFormulas() throws Exception {
        Path in = TestWorkbooks.withRows(dir.resolve("in.xlsx"), "Sheet1",
                new String[] {"Company", "Email"},
                new String[] {"=cmd|' /C calc'!A0", "ceo@mailinator.com"},
                new String[] {"Acme", "bad@@example.org"});
        Path out = dir.resolve("out.xlsx");
        try (ListReader r = ListReader.open(in); EmailVerifier v = EmailVerifier.builder().offline(true).build();
             ResultsWriter w = ResultsWriter.forPath(out, r.header(), r.header().size(), r.delimiter())) {
            assertThat(r.format()).isEqualTo(ListReader.Format.XLSX);
            for (InputRow row : r) {
                w.write(row.cells(), v.verify(row.email()));
            }
        }
        try (ListReader back = ListReader.open(out)) {
            assertThat(back.header()).startsWith("Company", "Email", "status", "reason");
            List<InputRow> rows = rows(back);
            assertThat(rows.get(0).cells().get(0)).isEqualTo("'=cmd|' /C calc'!A0");
            assertThat(rows.get(0).cells().subList(1, 4)).containsExactly("ceo@mailinator.com", "risky", "disposable");
            assertThat(rows.get(1).cells().subList(0, 4)).containsExactly("Acme", "bad@@example.org", "undeliverable", "bad_syntax");
        }
    }

    @Test
    void csvResultsKeepRowsWithoutAddresses() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ResultsWriter w = ResultsWriter.csv(bytes, List.of("email", "n"), 2, ',')) {
            Verdict v = EmailVerifier.builder().offline(true).build().verify("x@example.org");
            w.write(List.of("x@example.org", "+1"), v);
            w.write(List.of("", "@SUM(A1)"), null);
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).startsWith("email,n,status,reason,disposable,role,free_provider,catch_all");
        assertThat(lines[1]).startsWith("x@example.org,'+1,unknown,not_checked,");
        assertThat(lines[2]).startsWith(",'@SUM(A1),,,");
        assertThat(ResultsWriter.neutralise("-2+3")).isEqualTo("'-2+3");
        assertThat(ResultsWriter.neutralise("\tx")).isEqualTo("'\tx");
        assertThat(ResultsWriter.neutralise("plain")).isEqualTo("plain");
    }

    private static final String CRM_EXPORT = "Contacts export 2026-11-22,,\n\n,,\nName,Email,Company\n"
            + "Ada,ada@example.org,Acme\nBob,bob@example.org,\n";

    @Test
    void aTitleAndBlankLinesAboveTheHeaderArePreambleNotHeaderOrData() throws Exception {
        Path export = file("crm.csv", CRM_EXPORT.getBytes(StandardCharsets.UTF_8));
        for (IntakeOptions options : List.of(IntakeOptions.defaults(), IntakeOptions.defaults().withHeader(true),
                IntakeOptions.defaults().withEmailColumn("email"))) {
            try (ListReader r = ListReader.open(export, options)) {
                assertThat(r.preamble()).containsExactly(List.of("Contacts export 2026-11-22", "", ""), List.of("", "", ""));
                assertThat(r.header()).containsExactly("Name", "Email", "Company");
                assertThat(r.emailColumn()).isEqualTo(1);
                assertThat(r.describe()).contains("header yes after 2 preamble rows");
                List<InputRow> rows = rows(r);
                assertThat(rows).extracting(InputRow::number).containsExactly(1L, 2L);
                assertThat(rows).extracting(InputRow::email).containsExactly("ada@example.org", "bob@example.org");
            }
        }
        try (ListReader r = ListReader.open(export, IntakeOptions.defaults().withHeader(false))) {
            assertThat(r.preamble()).isEmpty();
            assertThat(r.header()).isNull();
            assertThat(rows(r)).hasSize(5);
        }
    }

    @Test
    void csvResultsKeepThePreambleAboveTheHeaderWithEmptyVerdictColumns() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ListReader r = ListReader.open(file("crm.csv", CRM_EXPORT.getBytes(StandardCharsets.UTF_8)));
             EmailVerifier v = EmailVerifier.builder().offline(true).build();
             ResultsWriter w = ResultsWriter.csv(bytes, r.preamble(), r.header(), r.sampleWidth(), ',')) {
            for (InputRow row : r) {
                w.write(row.cells(), v.verify(row.email()));
            }
        }
        String emptyVerdict = ",".repeat(ResultsWriter.APPENDED.size());
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).isEqualTo("Contacts export 2026-11-22,," + emptyVerdict);
        assertThat(lines[1]).isEqualTo(",," + emptyVerdict);
        assertThat(lines[2]).startsWith("Name,Email,Company,status,reason,");
        assertThat(lines[3]).startsWith("Ada,ada@example.org,Acme,unknown,not_checked,");
        assertThat(lines[4]).startsWith("Bob,bob@example.org,,unknown,not_checked,");
    }

    @Test
    void xlsxWithATitleRowAboveTheHeaderRoundTripsThroughTheResults() throws Exception {
        Path in = TestWorkbooks.withRows(dir.resolve("crm.xlsx"), "Contacts",
                new String[] {"Contacts export 2026-11-22"},
                new String[] {},
                new String[] {"Name", "E-mail"},
                new String[] {"Ada", "ada@example.org"},
                new String[] {"Bob", "bob@example.org"});
        Path out = dir.resolve("crm.results.xlsx");
        try (ListReader r = ListReader.open(in); EmailVerifier v = EmailVerifier.builder().offline(true).build();
             ResultsWriter w = ResultsWriter.forPath(out, r.preamble(), r.header(), r.sampleWidth(), r.delimiter())) {
            assertThat(r.preamble()).containsExactly(List.of("Contacts export 2026-11-22"));
            assertThat(r.header()).containsExactly("Name", "E-mail");
            assertThat(r.emailColumn()).isEqualTo(1);
            for (InputRow row : r) {
                w.write(row.cells(), v.verify(row.email()));
            }
        }
        try (ListReader back = ListReader.open(out)) {
            assertThat(back.preamble()).hasSize(1);
            assertThat(back.preamble().get(0).get(0)).isEqualTo("Contacts export 2026-11-22");
            assertThat(back.preamble().get(0).subList(1, back.preamble().get(0).size())).containsOnly("");
            assertThat(back.header()).startsWith("Name", "E-mail", "status", "reason");
            assertThat(rows(back)).extracting(row -> row.cells().subList(0, 3)).containsExactly(
                    List.of("Ada", "ada@example.org", "unknown"), List.of("Bob", "bob@example.org", "unknown"));
        }
    }

    @Test
    void theHeaderNearestTheAddressesWinsOverATitleThatMentionsEmail() throws Exception {
        byte[] csv = "Email list for the spring campaign\nName,E-mail\nAda,ada@example.org\n".getBytes(StandardCharsets.UTF_8);
        try (ListReader r = ListReader.open(file("titled.csv", csv))) {
            assertThat(r.preamble()).containsExactly(List.of("Email list for the spring campaign"));
            assertThat(r.header()).containsExactly("Name", "E-mail");
            assertThat(rows(r)).extracting(InputRow::email).containsExactly("ada@example.org");
        }
    }

    @Test
    void ordinaryHeadersAndHeaderlessListsHaveNoPreamble() throws Exception {
        try (ListReader r = ListReader.open(file("plain.csv", "name,email\nAda,ada@example.org\n".getBytes(StandardCharsets.UTF_8)))) {
            assertThat(r.preamble()).isEmpty();
            assertThat(r.header()).containsExactly("name", "email");
        }
        try (ListReader r = ListReader.open(file("bare.txt", "ada@example.org\nbob@example.org\n".getBytes(StandardCharsets.UTF_8)))) {
            assertThat(r.preamble()).isEmpty();
            assertThat(r.header()).isNull();
            assertThat(rows(r)).extracting(InputRow::number).containsExactly(1L, 2L);
        }
        // no row names a column: the first row is the header, as it holds no address
        try (ListReader r = ListReader.open(file("odd.csv", "Foo,Bar\nnote,ada@example.org\n".getBytes(StandardCharsets.UTF_8)))) {
            assertThat(r.preamble()).isEmpty();
            assertThat(r.header()).containsExactly("Foo", "Bar");
        }
    }

    @Test
    void theHeaderIsSoughtOnlyInTheFirstRows() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int line = 1; line <= 25; line++) {
            text.append("note ").append(line).append('\n');
        }
        text.append("email\nada@example.org\n");
        try (ListReader r = ListReader.open(file("long-preamble.txt", text.toString().getBytes(StandardCharsets.UTF_8)))) {
            assertThat(r.preamble()).isEmpty();
            assertThat(r.header()).containsExactly("note 1");
        }
    }

    @Test
    void binaryAndLegacyFilesAreRefused() throws Exception {
        byte[] bin = new byte[1000];
        bin[10] = 0;
        bin[0] = 'a';
        assertKind(() -> ListReader.open(file("x.csv", bin)), IntakeException.Kind.BINARY);
        byte[] xls = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 1, 2, 3};
        assertKind(() -> ListReader.open(file("x.xls", xls)), IntakeException.Kind.UNSUPPORTED_FORMAT);
        assertKind(() -> ListReader.open(file("empty.csv", new byte[0])), IntakeException.Kind.EMPTY);
        assertKind(() -> ListReader.open(file("noemail.csv", "a,b\nc,d\n".getBytes(StandardCharsets.UTF_8))),
                IntakeException.Kind.NO_EMAIL_COLUMN);
    }

    @Test
    void zipBombIsRefusedQuickly() throws Exception {
        Path bomb = dir.resolve("bomb.xlsx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write("<workbook/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                zip.write(zeros); // 64 MiB of zeros compress ~1000:1
            }
            zip.closeEntry();
        }
        assertThat(Files.size(bomb)).isLessThan(1 << 20);
        long t0 = System.nanoTime();
        assertKind(() -> ListReader.open(bomb), IntakeException.Kind.ZIP_BOMB);
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
        Path notXlsx = dir.resolve("plain.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(notXlsx))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("hi".getBytes(StandardCharsets.UTF_8));
        }
        assertKind(() -> ListReader.open(notXlsx), IntakeException.Kind.UNSUPPORTED_FORMAT);
    }

    @Test
    void xmlEntityBombInASheetDoesNotExpand() throws Exception {
        Path bomb = dir.resolve("laughs.xlsx");
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        dtd.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
        for (int i = 2; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            for (int k = 0; k < 10; k++) {
                dtd.append("&lol").append(i - 1).append(';');
            }
            dtd.append("\">");
        }
        dtd.append("]>");
        String sheet = dtd + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>";
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("_rels/.rels"));
            zip.write(("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write(("<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                    + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/_rels/workbook.xml.rels"));
            zip.write(("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(sheet.getBytes(StandardCharsets.UTF_8));
        }
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> {
            try (ListReader r = ListReader.open(bomb)) {
                rows(r);
            }
        }).isInstanceOf(IntakeException.class);
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void hugeRowsAndFilesAreRefused() throws Exception {
        String big = "email\n" + "a".repeat(300_000) + "@example.org\n";
        Path p = file("big.csv", big.getBytes(StandardCharsets.UTF_8));
        IntakeOptions small = IntakeOptions.defaults().withLimits(10_000_000, 100_000, 1 << 30);
        assertKind(() -> rows(ListReader.open(p, small)), IntakeException.Kind.ROW_TOO_LARGE);
        IntakeOptions tiny = IntakeOptions.defaults().withLimits(100, 100_000, 1 << 30);
        assertKind(() -> ListReader.open(p, tiny), IntakeException.Kind.TOO_LARGE);
    }

    private static void assertKind(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, IntakeException.Kind kind) {
        assertThatThrownBy(call).isInstanceOf(IntakeException.class)
                .satisfies(e -> assertThat(((IntakeException) e).kind()).as(e.getMessage()).isEqualTo(kind));
    }
}
