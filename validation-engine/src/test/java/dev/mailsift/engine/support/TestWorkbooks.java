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

    /** A one-sheet workbook of text cells, row by row; an empty string leaves its cell out. */
    public static Path withRows(Path file, String sheetName, String[]... rows) throws IOException {
        return write(file, sheetName, (workbook, sheet) -> {
            for (int row = 0; row < rows.length; row++) {
                for (int column = 0; column < rows[row].length; column++) {
                    if (!rows[row][column].isEmpty()) {
                        sheet.value(row, column, rows[row][column]);
                    }
                }
            }
        });
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
