package dev.mailsift.engine.support;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Ordinary workbooks, written the way spreadsheet programs write them (for hostile ones: {@link XlsxPackage}). */
public final class TestWorkbooks {

    /** Fills the cells of one worksheet; may add further sheets through {@link Worksheet}'s workbook. */
    @FunctionalInterface
    public interface Cells {
        void fill(Workbook workbook, Worksheet firstSheet);
    }

    private TestWorkbooks() {
    }

    public static Path write(Path file, String sheetName, Cells cells) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "test", "1.0");
            cells.fill(workbook, workbook.newWorksheet(sheetName));
            workbook.finish();
        }
        return file;
    }
}
