package dev.mailsift.web.jobs;

import java.util.Locale;
import java.util.Set;

/** Client-supplied file names are display text only: never a path, never trusted for content. */
final class UploadedFileNames {

    private static final Set<String> KNOWN_EXTENSIONS = Set.of(".csv", ".tsv", ".txt", ".xlsx");

    private UploadedFileNames() {
    }

    /** The last path segment, without control or bidi characters, at most 200 characters. */
    static String displayName(String original) {
        String name = original == null ? "" : original;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.codePoints()
                   .filter(cp -> !Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT)
                   .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                   .toString().strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            name = "list";
        }
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    /** A known list extension of the name, or empty: content is sniffed anyway. */
    static String extension(String displayName) {
        int dot = displayName.lastIndexOf('.');
        String extension = dot < 0 ? "" : displayName.substring(dot).toLowerCase(Locale.ROOT);
        return KNOWN_EXTENSIONS.contains(extension) ? extension : "";
    }
}
