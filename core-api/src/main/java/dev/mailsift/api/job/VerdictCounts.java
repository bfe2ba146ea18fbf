package dev.mailsift.api.job;

/** Verdicts by status. */
public record VerdictCounts(long deliverable, long undeliverable, long risky, long unknown) {

    public static final VerdictCounts NONE = new VerdictCounts(0, 0, 0, 0);

    public VerdictCounts plus(VerdictCounts other) {
        return new VerdictCounts(deliverable + other.deliverable, undeliverable + other.undeliverable,
                risky + other.risky, unknown + other.unknown);
    }

    public long total() {
        return deliverable + undeliverable + risky + unknown;
    }
}
