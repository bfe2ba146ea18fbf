package dev.mailsift.bench;

import java.util.List;

/**
 * A benchmark's command line, read one option at a time: an option's value is the argument after it, a row count may
 * be written {@code 100_000} or {@code 100,000}, and an option the benchmark does not know is passed through to the
 * service when it is a setting ({@code --name=value}) and refused otherwise.
 */
public final class BenchArguments {

    private final String[] argv;
    private int next;

    public BenchArguments(String[] argv) {
        this.argv = argv;
    }

    public boolean hasNext() {
        return next < argv.length;
    }

    /** The next option. */
    public String next() {
        return argv[next++];
    }

    /** The value of the option just read. */
    public String value() {
        if (next >= argv.length) {
            throw new IllegalArgumentException(argv[next - 1] + " needs a value");
        }
        return argv[next++];
    }

    /** The value of the option just read, as a number of rows. */
    public int rows() {
        return Integer.parseInt(value().replace("_", "").replace(",", ""));
    }

    /** An option the benchmark does not know: added to {@code settings} when it is a setting for the service. */
    public static void passThrough(String option, List<String> settings) {
        if (option.startsWith("--") && option.contains("=")) {
            settings.add(option);
        } else {
            throw new IllegalArgumentException("unknown option " + option + " (see the class comment)");
        }
    }
}
