package dev.mailsift.engine.intake;

import static dev.mailsift.engine.support.XlsxPackage.columnLetters;
import static dev.mailsift.engine.support.XlsxPackage.text;
import static dev.mailsift.engine.support.XlsxPackage.withRandomText;
import static dev.mailsift.engine.support.XlsxPackage.worksheet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailsift.engine.cli.MailSiftCli;
import dev.mailsift.engine.support.TestWorkbooks;
import dev.mailsift.engine.support.XlsxPackage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workbooks written to make fastexcel-reader allocate by what their XML says: each is refused with the right
 * {@link IntakeException.Kind} before the workbook is opened, and fast.
 */
class HostileWorkbookTest {

    private static final String HEADER = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>email</t></is></c></row>";

    @TempDir
    Path dir;

    private Path xlsx(String name, XlsxPackage xlsx) throws Exception {
        return xlsx.writeTo(dir.resolve(name));
    }

    private Path sheet(String name, String rows) throws Exception {
        return xlsx(name, XlsxPackage.withSheet(HEADER + rows, null));
    }

    @Test
    void aCellFarOutInTheColumnsIsRefusedBeforeTheReaderSizesARowByIt() throws Exception {
        for (long column : new long[] {1_500_000_000L, 200_000_000L, 1_001}) {
            Path file = sheet("column-" + column + ".xlsx", "<row r=\"2\"><c r=\"" + columnLetters(column) + "2\"><v>1</v></c></row>");
            assertThat(Files.size(file)).isLessThan(2_000);
            assertRefused(file, IntakeException.Kind.TOO_MANY_COLUMNS,
                    "sits in column " + String.format("%,d", column) + "; lists may use at most 1,000 columns");
        }
        Path overflowing = sheet("overflowing.xlsx", "<row r=\"2\"><c r=\"CZZZZZZZZZZZZZZZZZZZZZZ2\"><v>1</v></c></row>");
        assertRefused(overflowing, IntakeException.Kind.TOO_MANY_COLUMNS, "sits in column 9,223,372,036,854,775,807");
        String farCell = worksheet(HEADER + "<row r=\"2\"><c r=\"" + columnLetters(1_500_000_000L) + "2\"><v>1</v></c></row>")
                .replace("UTF-8", "UTF-16");
        Path utf16 = xlsx("utf-16.xlsx", XlsxPackage.withSheet(out -> out.write(farCell.getBytes(StandardCharsets.UTF_16)), null));
        assertRefused(utf16, IntakeException.Kind.TOO_MANY_COLUMNS, "sits in column 1,500,000,000");
        Path unreferenced = sheet("wide-row.xlsx", "<row r=\"2\">" + "<c><v>1</v></c>".repeat(1_001) + "</row>");
        assertRefused(unreferenced, IntakeException.Kind.TOO_MANY_COLUMNS, "row 2 has more than 1,000 cells");
    }

    @Test
    void aRowOrCellPastTheRowLimitIsRefused() throws Exception {
        assertRefused(sheet("far-row.xlsx", "<row r=\"20000000\"><c><v>1</v></c></row>"),
                IntakeException.Kind.TOO_MANY_ROWS, "a row numbered 20,000,000; lists may have at most 10,000,000 rows");
        assertRefused(sheet("far-cell.xlsx", "<row><c r=\"A99999999999999999999999\"><v>1</v></c></row>"),
                IntakeException.Kind.TOO_MANY_ROWS, "sits in row 9,223,372,036,854,775,807");
        assertRefused(sheet("not-a-reference.xlsx", "<row><c r=\"1A\"><v>1</v></c></row>"),
                IntakeException.Kind.MALFORMED, "\"1A\", which is not a cell reference");
    }

    @Test
    void aDimensionDeclaringAnAbsurdSizeIsRefused() throws Exception {
        String wide = worksheet(HEADER).replace("<sheetData>", "<dimension ref=\"A1:XFD1048576\"/><sheetData>");
        assertRefused(xlsx("wide.xlsx", XlsxPackage.withSheet(text(wide), null)), IntakeException.Kind.TOO_MANY_COLUMNS,
                "the sheet says it spans 16,384 columns (A1:XFD1048576); lists may use at most 1,000 columns");
        String tall = worksheet(HEADER).replace("<sheetData>", "<dimension ref=\"A1:B4000000000\"/><sheetData>");
        assertRefused(xlsx("tall.xlsx", XlsxPackage.withSheet(text(tall), null)), IntakeException.Kind.TOO_MANY_ROWS,
                "the sheet says it spans 4,000,000,000 rows");
    }

    @Test
    void aCellPastTheCharacterLimitIsRefusedWithoutBeingReadWhole() throws Exception {
        long chars = 40L << 20; // 40 Mi characters, written in about half a second
        Path inline = xlsx("long-cell.xlsx", XlsxPackage.withSheet(withRandomText(
                XlsxPackage.worksheet(HEADER).replace("</sheetData></worksheet>", "") + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>",
                chars, "</t></is></c></row></sheetData></worksheet>"), null));
        long started = System.nanoTime();
        assertRefused(inline, IntakeException.Kind.CELL_TOO_LARGE,
                "cell A2 holds more than 32,767 characters; a cell may hold at most 32,767");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(3_000);
        Path value = xlsx("long-value.xlsx", XlsxPackage.withSheet(withRandomText(
                XlsxPackage.worksheet(HEADER).replace("</sheetData></worksheet>", "") + "<row><c t=\"str\"><v>", 40_000,
                "</v></c></row></sheetData></worksheet>"), null));
        assertRefused(value, IntakeException.Kind.CELL_TOO_LARGE, "cell 1 of row 2 holds more than 32,767 characters");
        Path formula = xlsx("long-formula.xlsx", XlsxPackage.withSheet(withRandomText(
                XlsxPackage.worksheet(HEADER).replace("</sheetData></worksheet>", "") + "<row><c r=\"B2\"><f>", 9_000,
                "</f><v>1</v></c></row></sheetData></worksheet>"), null));
        assertRefused(formula, IntakeException.Kind.CELL_TOO_LARGE, "cell B2 has a formula longer than 8,192 characters");
    }

    @Test
    void aRowPastTheCharacterLimitIsRefused() throws Exception {
        String letters = new String(XlsxPackage.randomLetters(40 * 30_000), StandardCharsets.US_ASCII);
        StringBuilder row = new StringBuilder("<row r=\"2\">");
        for (int i = 0; i < 40; i++) { // forty cells of 30,000 characters, each within the cell limit
            row.append("<c t=\"inlineStr\"><is><t>").append(letters, i * 30_000, (i + 1) * 30_000).append("</t></is></c>");
        }
        assertRefused(sheet("long-row.xlsx", row + "</row>"), IntakeException.Kind.ROW_TOO_LARGE,
                "row 2 holds more than 1,048,576 characters");
    }

    @Test
    void aLongSharedStringUsedOverAndOverIsBoundedAsTextFileRowsAre() throws Exception {
        String strings = "<si><t>email</t></si><si><t>" + "x".repeat(30_000) + "</t></si>";
        String header = HEADER.replace("t=\"inlineStr\"><is><t>email</t></is>", "t=\"s\"><v>0</v>");
        Path wide = xlsx("wide-reuse.xlsx", XlsxPackage.withSheet(header
                + "<row r=\"2\">" + "<c t=\"s\"><v>1</v></c>".repeat(40) + "</row>", strings));
        assertRefused(wide, IntakeException.Kind.ROW_TOO_LARGE, "row 2 holds more than 1048576 characters");
        StringBuilder rows = new StringBuilder();
        for (int r = 2; r <= 10; r++) {
            rows.append("<row r=\"").append(r).append("\"><c t=\"s\"><v>1</v></c></row>");
        }
        Path file = xlsx("long-reuse.xlsx", XlsxPackage.withSheet(header + rows, strings));
        IntakeOptions small = IntakeOptions.defaults().withLimits(512L << 20, 1 << 20, 200_000);
        assertRefused(() -> rows(ListReader.open(file, small)), IntakeException.Kind.TOO_LARGE,
                "the sheet's cells hold more than 200000 characters, shared strings counted wherever they are used");
    }

    @Test
    void aSharedStringPastTheCharacterLimitIsRefusedOnlyWhenTheSheetUsesIt() throws Exception {
        String rows = HEADER.replace("t=\"inlineStr\"><is><t>email</t></is>", "t=\"s\"><v>0</v>");
        XlsxPackage.Content hugeSecondString = withRandomText(XlsxPackage.sharedStrings("<si><t>email</t></si><si><t>")
                .replace("</sst>", ""), 40L << 20, "</t></si></sst>");
        Path used = xlsx("used.xlsx", XlsxPackage.withSheet(
                text(worksheet(rows + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c></row>")), hugeSecondString));
        assertRefused(used, IntakeException.Kind.CELL_TOO_LARGE, "shared string number 1 holds more than 32,767 characters");
        Path unused = xlsx("unused.xlsx", XlsxPackage.withSheet(text(worksheet(rows
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>a@example.org</t></is></c></row>")), hugeSecondString));
        try (ListReader r = ListReader.open(unused)) {
            assertThat(r.header()).containsExactly("email");
            assertThat(rows(r)).extracting(InputRow::email).containsExactly("a@example.org");
        }
    }

    @Test
    void theSharedStringsASheetMayUseAreBoundedInNumberAndInText() throws Exception {
        String strings = "<si><t>email</t></si><si><t>a@example.org</t></si>";
        Path far = xlsx("far-string.xlsx", XlsxPackage.withSheet(
                HEADER + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2000000000</v></c></row>", strings));
        assertRefused(far, IntakeException.Kind.TOO_LARGE,
                "cell A2 refers to shared string number 2,000,000,000; a sheet may use at most 5,000,000 shared strings");
        Path many = xlsx("many-strings.xlsx", XlsxPackage.withSheet(
                HEADER + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c></row>", strings));
        IntakeOptions small = IntakeOptions.defaults().withXlsxLimits(32_767, 5_000_000, 10);
        assertRefused(() -> ListReader.open(many, small), IntakeException.Kind.TOO_LARGE,
                "the shared strings the sheet uses hold more than 10 characters together");
    }

    @Test
    void xmlThatAParserWouldHoldWholeIsRefused() throws Exception {
        // an attribute value cannot hold '<'; a comment, a processing instruction or CDATA can, so there is one every
        // hundred characters, and no stretch between two '<' is long
        for (String[] construct : new String[][] {{"<row r=\"2\"><c r=\"A2\" x=\"", "\"><v>1</v></c></row>"},
                {"<!--", "-->"}, {"<?pi ", "?>"}, {"<row><c t=\"inlineStr\"><is><t><![CDATA[", "]]></t></is></c></row>"}}) {
            byte[] filler = XlsxPackage.randomLetters(4 << 20);
            if (!construct[0].endsWith("x=\"")) {
                for (int i = 0; i < filler.length; i += 100) {
                    filler[i] = '<';
                }
            }
            Path file = xlsx("construct.xlsx", XlsxPackage.withSheet(text(worksheet(HEADER).replace("</sheetData>",
                    construct[0] + new String(filler, StandardCharsets.US_ASCII) + construct[1] + "</sheetData>")), null));
            assertRefused(file, IntakeException.Kind.TOO_LARGE,
                    "xl/worksheets/sheet1.xml holds an XML tag, comment or stretch of text longer than 327,672 characters");
        }
    }

    @Test
    void partsThatNestTooDeepOrUseTooManyNamesAreRefused() throws Exception {
        assertRefused(sheet("deep.xlsx", "<x>".repeat(70) + "</x>".repeat(70)), IntakeException.Kind.MALFORMED,
                "nests elements more than 64 deep");
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < 2_100; i++) {
            names.append("<n").append(i).append("/>");
        }
        assertRefused(sheet("names.xlsx", names.toString()), IntakeException.Kind.MALFORMED, "uses more than 2,000 different names");
        String longUri = new String(XlsxPackage.randomLetters(900), StandardCharsets.US_ASCII);
        StringBuilder namespaces = new StringBuilder();
        for (int i = 0; i < 200; i++) { // few names, but long ones
            namespaces.append("<x xmlns:p=\"urn:").append(i).append(longUri).append("\"/>");
        }
        assertRefused(sheet("namespaces.xlsx", namespaces.toString()), IntakeException.Kind.MALFORMED,
                "or more than 100,000 characters of them");
        String withDoctype = "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY e \"e\">]>" + worksheet(HEADER).substring(38);
        assertRefused(xlsx("doctype.xlsx", XlsxPackage.withSheet(text(withDoctype), null)), IntakeException.Kind.MALFORMED,
                "xl/worksheets/sheet1.xml cannot be parsed: DOCTYPE is disallowed");
    }

    @Test
    void sharedAndArrayFormulasAreBounded() throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int i = 2; i <= 10_002; i++) {
            rows.append("<row r=\"").append(i).append("\"><c r=\"B").append(i).append("\"><f t=\"shared\" ref=\"B").append(i)
                .append("\" si=\"").append(i).append("\">A1</f><v>1</v></c></row>");
        }
        assertRefused(sheet("formulas.xlsx", rows.toString()), IntakeException.Kind.TOO_LARGE,
                "the sheet defines more than 10,000 shared or array formulas");
    }

    @Test
    void twoPartsWithTheSameNameAreRefused() throws Exception {
        // a package whose two sheet parts would be read differently by java.util.zip and by fastexcel-reader
        Path file = XlsxPackage.withSheet(HEADER, null)
                .part("xl/worksheets/sheet2.xml", text(worksheet(HEADER + "<row><c r=\"ZZZ2\"><v>1</v></c></row>")))
                .writeTo(dir.resolve("twins.xlsx"));
        byte[] bytes = Files.readAllBytes(file);
        String renamed = new String(bytes, StandardCharsets.ISO_8859_1).replace("xl/worksheets/sheet2.xml", "xl/worksheets/SHEET1.xml");
        Files.write(file, renamed.getBytes(StandardCharsets.ISO_8859_1));
        assertRefused(file, IntakeException.Kind.MALFORMED, "the XLSX package holds two parts named xl/worksheets/SHEET1.xml");
    }

    @Test
    void theSheetCheckedIsTheFirstSheetTheReaderReads() throws Exception {
        String hostile = worksheet(HEADER + "<row><c r=\"ZZZ2\"><v>1</v></c></row>");
        String clean = worksheet(HEADER + "<row><c r=\"A2\" t=\"inlineStr\"><is><t>a@example.org</t></is></c></row>");
        String relationships = "<Relationship Id=\"rId7\" Type=\"worksheet\" Target=\"/xl/sheets/first.xml\"/>"
                + "<Relationship Id=\"rId1\" Type=\"worksheet\" Target=\"worksheets/sheet1.xml\"/>";
        Path firstIsClean = XlsxPackage.withSheet(text(hostile), null)
                .workbook("<sheet name=\"First\" sheetId=\"2\" r:id=\"rId7\"/><sheet name=\"List\" sheetId=\"1\" r:id=\"rId1\"/>", relationships)
                .part("xl/sheets/first.xml", text(clean)).writeTo(dir.resolve("first-clean.xlsx"));
        try (ListReader r = ListReader.open(firstIsClean)) {
            assertThat(rows(r)).extracting(InputRow::email).containsExactly("a@example.org");
        }
        Path firstIsHostile = XlsxPackage.withSheet(text(clean), null)
                .workbook("<sheet name=\"First\" sheetId=\"2\" r:id=\"rId7\"/><sheet name=\"List\" sheetId=\"1\" r:id=\"rId1\"/>", relationships)
                .part("xl/sheets/first.xml", text(hostile)).writeTo(dir.resolve("first-hostile.xlsx"));
        assertRefused(firstIsHostile, IntakeException.Kind.TOO_MANY_COLUMNS, "(ZZZ2) sits in column 18,278");
    }

    @Test
    void aLegitimateWorkbookReadsExactlyAsTheReaderReadsIt() throws Exception {
        Path file = TestWorkbooks.write(dir.resolve("legit.xlsx"), "Contacts", (wb, ws) -> {
            ws.value(0, 0, "Name");
            ws.value(0, 1, "Email");
            ws.value(0, 2, "Spend");
            ws.value(0, 4, "Note");
            for (int r = 1; r <= 2_000; r++) {
                ws.value(r, 0, "Person " + r);
                ws.value(r, 1, "person" + (r % 1_500) + "@example.org");
                ws.value(r, 2, new BigDecimal(r).movePointLeft(2));
                // 60 escaped characters a row: more than the 100,000 entity references newer JDKs refuse by default
                ws.inlineString(r, 4, r % 100 == 7 ? "x".repeat(32_767) : "note <" + r + "> " + "&".repeat(60));
                if (r % 100 == 0) {
                    ws.formula(r, 3, "C" + (r + 1) + "*2");
                }
            }
            wb.newWorksheet("Other").value(0, 0, "not read");
        });
        List<List<String>> expected = new ArrayList<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(file.toFile()); Stream<Row> sheet = wb.getFirstSheet().openStream()) {
            sheet.skip(1).forEach(row -> {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.getCellCount(); i++) {
                    cells.add(row.hasCell(i) ? row.getCellText(i) : "");
                }
                expected.add(cells);
            });
        }
        try (ListReader r = ListReader.open(file)) {
            assertThat(r.header()).containsExactly("Name", "Email", "Spend", "", "Note");
            assertThat(r.emailColumn()).isEqualTo(1);
            List<InputRow> rows = rows(r);
            assertThat(rows).extracting(InputRow::cells).containsExactlyElementsOf(expected);
            assertThat(rows.get(6).cells()).containsExactly("Person 7", "person7@example.org", "0.07", "", "x".repeat(32_767));
            assertThat(rows).filteredOn(InputRow::duplicate).hasSize(500);
        }
    }

    @Test
    void theCheckCommandAndTheStreamedReadGiveTheSameRefusal() throws Exception {
        Path file = sheet("column.xlsx", "<row r=\"2\"><c r=\"" + columnLetters(1_500_000_000L) + "2\"><v>1</v></c></row>");
        Path results = dir.resolve("column.results.xlsx");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = MailSiftCli.run(new String[] {"check", "--offline", file.toString(), "-o", results.toString()},
                new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: too_many_columns: a cell (").contains("sits in column 1,500,000,000");
        assertThat(results).doesNotExist();
        // the service reads uploads, for intake and again for the results files, from a stream
        try (InputStream in = Files.newInputStream(file)) {
            assertRefused(() -> ListReader.open(in, IntakeOptions.defaults()), IntakeException.Kind.TOO_MANY_COLUMNS,
                    "sits in column 1,500,000,000");
        }
    }

    /**
     * The proof that a cell's text is never held whole: a JVM with a 48 MB heap refuses a workbook whose one cell
     * inflates to 300 MB (at 170:1, under the zip-bomb ratio), where the reader alone would run out of memory.
     */
    @Test
    void aCellInflatingFarPastTheHeapIsRefusedInASmallJvm() throws Exception {
        Path file = xlsx("inflating.xlsx", XlsxPackage.withSheet(XlsxPackage.withSparseText(
                XlsxPackage.worksheet(HEADER).replace("</sheetData></worksheet>", "") + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>",
                300L << 20, "</t></is></c></row></sheetData></worksheet>"), null));
        assertThat(Files.size(file)).isLessThan(3L << 20);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
                "-cp", System.getProperty("java.class.path"), ReadListInASmallHeap.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(output).doesNotContain("OutOfMemoryError")
                .contains("path: refused cell_too_large: cell A2 holds more than 32,767 characters")
                .contains("stream: refused cell_too_large: cell A2 holds more than 32,767 characters");
        assertThat(child.exitValue()).as(output).isZero();
    }

    static List<InputRow> rows(ListReader r) {
        List<InputRow> out = new ArrayList<>();
        r.forEach(out::add);
        return out;
    }

    private static void assertRefused(Path file, IntakeException.Kind kind, String message) {
        assertRefused(() -> {
            try (ListReader r = ListReader.open(file)) {
                rows(r);
            }
        }, kind, message);
    }

    private static void assertRefused(ThrowingCallable read, IntakeException.Kind kind, String message) {
        assertThatThrownBy(read).isInstanceOf(IntakeException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((IntakeException) e).kind()).as(e.getMessage()).isEqualTo(kind));
    }
}
