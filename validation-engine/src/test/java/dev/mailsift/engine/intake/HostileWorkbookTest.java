package dev.mailsift.engine.intake;

import static dev.mailsift.engine.intake.XlsxPackage.text;
import static dev.mailsift.engine.intake.XlsxPackage.worksheet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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
