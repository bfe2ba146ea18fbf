package dev.mailsift.web.platform.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The file of an embedded H2 database named by a JDBC URL, and whether H2 closed it cleanly: H2 writes
 * {@code clean:1} into the file's header when it closes the database, and leaves it out while the database is open,
 * so a header without it, read before the database is opened, means the last process using it was killed.
 */
record EmbeddedDatabaseFile(Path file) {

    private static final Pattern CLEAN = Pattern.compile("(^|,)clean:1(,|$)");
    private static final int HEADER_BYTES = 4096;

    /** @return the database file of an H2 URL that names one (not an in-memory or a server database) */
    static Optional<EmbeddedDatabaseFile> of(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String name = jdbcUrl.substring("jdbc:h2:".length()).split(";", 2)[0];
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (name.matches("^(mem|tcp|ssl|zip|split|nio\\w*|async|memFS|memLZF):.*")) {
            return Optional.empty();
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Optional.of(new EmbeddedDatabaseFile(Path.of(name + ".mv.db")));
    }

    boolean exists() {
        return Files.isRegularFile(file);
    }

    /** @return whether the header says H2 closed the file; false when it cannot be read as an H2 header */
    boolean closedCleanly() throws IOException {
        byte[] header = new byte[HEADER_BYTES];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(header, 0, HEADER_BYTES);
        }
        String text = new String(header, 0, read, StandardCharsets.ISO_8859_1);
        int end = 0;
        while (end < text.length() && text.charAt(end) >= ' ' && text.charAt(end) <= '~') {
            end++;
        }
        String fields = text.substring(0, end);
        return fields.startsWith("H:") && CLEAN.matcher(fields).find();
    }

    /** A file of this service's own beside the database: present from opening until the pool is closed. */
    Path openMarker() {
        return file.resolveSibling(file.getFileName() + ".in-use");
    }

    Path rebuildPlan() {
        return file.resolveSibling(file.getFileName() + ".index-rebuild");
    }
}
