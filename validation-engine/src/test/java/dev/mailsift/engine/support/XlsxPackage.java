package dev.mailsift.engine.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an XLSX package part by part, so a test decides every cell reference and every size: the hostile
 * workbooks of the engine's tests and of the service's.
 */
public final class XlsxPackage {

    public static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    public static final String SHEET = "xl/worksheets/sheet1.xml";
    public static final String SHARED_STRINGS = "xl/sharedStrings.xml";

    /** Streams a part's bytes, so a part can be far larger than the test's heap. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;

        /** Random letters barely compress (1.7:1): storing them keeps a test fast. */
        default boolean stored() {
            return false;
        }
    }

    /** A mebibyte of random letters: repeated, it still compresses only 1.7:1, as deflate looks back 32 KiB. */
    private static final byte[] RANDOM_LETTERS = randomLetters(1 << 20);

    private final Map<String, Content> parts = new LinkedHashMap<>();

    /** A workbook whose one sheet holds {@code sheetData} (the rows) and, if not null, these shared strings. */
    public static XlsxPackage withSheet(String sheetData, String sharedStrings) {
        return withSheet(text(worksheet(sheetData)), sharedStrings == null ? null : text(sharedStrings(sharedStrings)));
    }

    public static XlsxPackage withSheet(Content sheet, Content sharedStrings) {
        XlsxPackage xlsx = new XlsxPackage();
        xlsx.part("[Content_Types].xml", text("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/" + SHEET + "\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + (sharedStrings == null ? "" : "<Override PartName=\"/" + SHARED_STRINGS
                        + "\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>")
                + "</Types>"));
        xlsx.part("_rels/.rels", text("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>"));
        xlsx.workbook("<sheet name=\"List\" sheetId=\"1\" r:id=\"rId1\"/>",
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>");
        xlsx.part(SHEET, sheet);
        if (sharedStrings != null) {
            xlsx.part(SHARED_STRINGS, sharedStrings);
        }
        return xlsx;
    }

    /** Replaces the workbook's sheet list and its relationships. */
    public XlsxPackage workbook(String sheets, String relationships) {
        part("xl/workbook.xml", text("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + MAIN_NS + "\" "
                + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>" + sheets
                + "</sheets></workbook>"));
        part("xl/_rels/workbook.xml.rels", text("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" + relationships
                + "</Relationships>"));
        return this;
    }

    public XlsxPackage part(String name, Content content) {
        parts.put(name, content);
        return this;
    }

    public Path writeTo(Path file) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, Content> part : parts.entrySet()) {
                zip.setLevel(part.getValue().stored() ? Deflater.NO_COMPRESSION : Deflater.BEST_SPEED);
                zip.putNextEntry(new ZipEntry(part.getKey()));
                part.getValue().writeTo(zip);
                zip.closeEntry();
            }
        }
        return file;
    }

    public static String worksheet(String sheetData) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + MAIN_NS + "\"><sheetData>" + sheetData
                + "</sheetData></worksheet>";
    }

    public static String sharedStrings(String items) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" + MAIN_NS + "\">" + items + "</sst>";
    }

    public static Content text(String xml) {
        return out -> out.write(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code before}, then {@code chars} random letters, then {@code after}. */
    public static Content withRandomText(String before, long chars, String after) {
        return new Content() {
            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(before.getBytes(StandardCharsets.UTF_8));
                writeRandomLetters(out, chars);
                out.write(after.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public boolean stored() {
                return true;
            }
        };
    }

    public static void writeRandomLetters(OutputStream out, long chars) throws IOException {
        for (long left = chars; left > 0; left -= RANDOM_LETTERS.length) {
            out.write(RANDOM_LETTERS, 0, (int) Math.min(RANDOM_LETTERS.length, left));
        }
    }

    public static byte[] randomLetters(int count) {
        byte[] letters = new byte[count];
        new Random(count).nextBytes(letters);
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (byte) ('a' + (letters[i] & 0xFF) % 26);
        }
        return letters;
    }

    /** {@code chars} letters that compress about 150:1: under the 200:1 zip-bomb limit, so only their size can stop them. */
    public static Content withSparseText(String before, long chars, String after) {
        return out -> {
            out.write(before.getBytes(StandardCharsets.UTF_8));
            Random random = new Random(chars);
            byte[] block = new byte[1 << 16];
            for (long left = chars; left > 0; left -= block.length) {
                Arrays.fill(block, (byte) 'a');
                for (int i = 0; i < 24; i++) {
                    block[random.nextInt(block.length)] = (byte) ('a' + random.nextInt(26));
                }
                out.write(block, 0, (int) Math.min(block.length, left));
            }
            out.write(after.getBytes(StandardCharsets.UTF_8));
        };
    }

    /** The letters of a 1-based column number: 1 is A, 27 is AA. */
    public static String columnLetters(long column) {
        StringBuilder letters = new StringBuilder();
        for (long n = column; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.toString();
    }
}
