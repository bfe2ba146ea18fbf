package dev.mailsift.engine.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.xml.sax.Attributes;

/**
 * Bounds an XLSX workbook before fastexcel-reader opens it. fastexcel allocates by what the XML says (a row's cell
 * list by the column of its last cell, the shared-string table up to the highest index a cell refers to) and reads
 * each value whole, so a file of a few kilobytes could make it allocate gigabytes. This reads the parts fastexcel
 * will read, found the way it finds them ({@code [Content_Types].xml}, the workbook, its relationships, the first
 * sheet, the shared strings), with a streaming parser, and refuses the file before anything is allocated.
 */
final class WorkbookGuard {

    /** As many as a package may have parts: fastexcel keeps an object for each sheet and each relationship. */
    static final int MAX_SHEETS = 10_000;
    static final int MAX_RELATIONSHIPS = 10_000;
    /** The names, ids and targets fastexcel keeps of all sheets and relationships, together. */
    static final int MAX_INDEX_CHARS = 1 << 20;

    private static final String WORKBOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    private static final String MACRO_WORKBOOK_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";
    private static final String SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml";
    private static final String STYLES_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
    private static final String RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final Pattern FOLDER_AND_FILE = Pattern.compile("^(.*/)([^/]+)$");

    private WorkbookGuard() {
    }

    static void check(Path file, IntakeOptions options) {
        // a cell's text at its longest with every character escaped (&#65535; is 8 characters), and room for tags
        long longestConstruct = 8L * options.maxCellChars() + 65_536;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ContentTypes types = new ContentTypes();
            scan(zip, "/[Content_Types].xml", types, longestConstruct);
            String workbookPart = types.workbook != null ? types.workbook : "/xl/workbook.xml";
            Workbook workbook = new Workbook(workbookPart);
            scan(zip, workbookPart, workbook, longestConstruct);
            if (workbook.firstSheetId == null) {
                throw XmlPartScan.malformed("the workbook lists no sheet with a relationship id");
            }
            String relationshipsPart = FOLDER_AND_FILE.matcher(workbookPart).replaceFirst("$1_rels/$2.rels");
            Relationships relationships = new Relationships(relationshipsPart, workbook.firstSheetId, workbook.indexChars);
            scan(zip, relationshipsPart, relationships, longestConstruct);
            if (relationships.firstSheetTarget == null) {
                throw XmlPartScan.malformed("the workbook's first sheet is missing from " + relationshipsPart);
            }
            SheetBounds sheet = new SheetBounds(sheetPart(relationshipsPart, relationships.firstSheetTarget), options);
            scan(zip, sheet.part, sheet, longestConstruct);
            if (types.sharedStrings != null && entry(zip, types.sharedStrings) != null) {
                scan(zip, types.sharedStrings, new SharedStringBounds(types.sharedStrings, options, sheet.highestSharedString()),
                        longestConstruct);
            }
        } catch (ZipException e) {
            throw new IntakeException(IntakeException.Kind.MALFORMED, "broken XLSX (zip) file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IntakeException(IntakeException.Kind.MALFORMED, "cannot read the XLSX file: " + e.getMessage(), e);
        }
    }

    private static void scan(ZipFile zip, String part, XmlPartScan scan, long longestConstruct) throws IOException {
        ZipEntry entry = entry(zip, part);
        if (entry == null) {
            throw XmlPartScan.malformed("the XLSX package has no part " + part);
        }
        try (InputStream content = zip.getInputStream(entry)) {
            scan.scan(content, longestConstruct);
        }
    }

    /** As fastexcel looks a part up: by its name without the leading slash, else by that name in any case. */
    private static ZipEntry entry(ZipFile zip, String part) {
        String name = part.startsWith("/") ? part.substring(1) : part;
        ZipEntry exact = zip.getEntry(name);
        if (exact != null) {
            return exact;
        }
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
            ZipEntry entry = entries.nextElement();
            if (entry.getName().equalsIgnoreCase(name)) {
                return entry;
            }
        }
        return null;
    }

    /** A relationship's target is relative to the workbook's folder (the one holding {@code _rels}) unless absolute. */
    private static String sheetPart(String relationshipsPart, String target) {
        int rels = relationshipsPart.indexOf("_rel");
        if (target.startsWith("/")) {
            return target;
        }
        if (rels < 0) {
            throw XmlPartScan.malformed("the workbook's relationships cannot be found");
        }
        return relationshipsPart.substring(0, rels) + target;
    }

    /** The workbook and shared-string parts: the content types fastexcel takes, until it has all three it wants. */
    private static final class ContentTypes extends XmlPartScan {
        String workbook;
        String sharedStrings;
        private String styles;

        ContentTypes() {
            super("[Content_Types].xml");
        }

        @Override
        void start(String name, Attributes attributes) {
            if (!name.equals("Override") || workbook != null && sharedStrings != null && styles != null) {
                return;
            }
            String type = attributes.getValue("ContentType");
            String partName = attributes.getValue("PartName");
            if (type == null || partName == null) {
                return;
            }
            switch (type) {
                case WORKBOOK_TYPE, MACRO_WORKBOOK_TYPE -> workbook = partName;
                case SHARED_STRINGS_TYPE -> sharedStrings = partName;
                case STYLES_TYPE -> styles = partName;
                default -> {
                }
            }
        }
    }

    /** The relationship id of the first {@code <sheet>} in {@code <sheets>}: fastexcel's first sheet. */
    private static final class Workbook extends XmlPartScan {
        String firstSheetId;
        long indexChars;
        private boolean inSheets;
        private int sheets;

        Workbook(String part) {
            super(part);
        }

        @Override
        void start(String name, Attributes attributes) {
            if (name.equals("sheets")) {
                inSheets = true;
            } else if (name.equals("sheet") && inSheets) {
                String id = attributes.getValue(RELATIONSHIPS_NS, "id");
                if (sheets++ == 0) {
                    firstSheetId = id;
                }
                indexChars += length(id) + length(attributes.getValue("name")) + length(attributes.getValue("sheetId"));
                if (sheets > MAX_SHEETS) {
                    throw new IntakeException(IntakeException.Kind.TOO_LARGE, "the workbook lists more than " + count(MAX_SHEETS) + " sheets");
                }
                checkIndexChars(indexChars);
            }
        }

        @Override
        void end(String name) {
            if (name.equals("sheets")) {
                inSheets = false;
            }
        }
    }

    /** The first sheet's part name: the target of the last relationship with its id, as fastexcel maps them. */
    private static final class Relationships extends XmlPartScan {
        private final String sheetId;
        private long indexChars;
        private int relationships;
        String firstSheetTarget;

        Relationships(String part, String sheetId, long indexCharsSoFar) {
            super(part);
            this.sheetId = sheetId;
            this.indexChars = indexCharsSoFar;
        }

        @Override
        void start(String name, Attributes attributes) {
            if (!name.equals("Relationship")) {
                return;
            }
            String id = attributes.getValue("Id");
            String target = attributes.getValue("Target");
            indexChars += length(id) + length(target);
            if (++relationships > MAX_RELATIONSHIPS) {
                throw new IntakeException(IntakeException.Kind.TOO_LARGE,
                        "the workbook has more than " + count(MAX_RELATIONSHIPS) + " relationships");
            }
            checkIndexChars(indexChars);
            if (sheetId.equals(id) && target != null) {
                firstSheetTarget = target;
            }
        }
    }

    private static void checkIndexChars(long chars) {
        if (chars > MAX_INDEX_CHARS) {
            throw new IntakeException(IntakeException.Kind.TOO_LARGE, "the workbook's sheet names and relationships run to more than "
                    + XmlPartScan.count(MAX_INDEX_CHARS) + " characters");
        }
    }

    private static int length(String value) {
        return value == null ? 0 : value.length();
    }
}
