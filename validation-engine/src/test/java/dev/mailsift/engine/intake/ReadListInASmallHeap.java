package dev.mailsift.engine.intake;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Reads a list as the CLI does (from its path) and as the service does (from a stream), and prints the outcomes. */
public final class ReadListInASmallHeap {

    private ReadListInASmallHeap() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        System.out.println("path: " + outcome(() -> ListReader.open(file)));
        try (InputStream in = Files.newInputStream(file)) {
            System.out.println("stream: " + outcome(() -> ListReader.open(in, IntakeOptions.defaults())));
        }
    }

    private static String outcome(Supplier<ListReader> open) throws Exception {
        try (ListReader reader = open.get()) {
            return "read " + HostileWorkbookTest.rows(reader).size() + " rows";
        } catch (IntakeException e) {
            return "refused " + e.kind().code() + ": " + e.getMessage();
        }
    }
}
