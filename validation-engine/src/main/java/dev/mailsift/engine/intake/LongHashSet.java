package dev.mailsift.engine.intake;

/** Open-addressing set of 64-bit hashes: 16 bytes per entry at most, no boxing (for dedupe of big lists). */
final class LongHashSet {

    private long[] table = new long[1 << 12];
    private boolean hasZero;
    private int size;

    /** @return true if the value was not present */
    boolean add(long v) {
        if (v == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if ((size + 1) * 2 > table.length) {
            grow();
        }
        int mask = table.length - 1;
        int i = (int) mix(v) & mask;
        while (true) {
            long t = table[i];
            if (t == 0) {
                table[i] = v;
                size++;
                return true;
            }
            if (t == v) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        int mask = table.length - 1;
        for (long v : old) {
            if (v != 0) {
                int i = (int) mix(v) & mask;
                while (table[i] != 0) {
                    i = (i + 1) & mask;
                }
                table[i] = v;
            }
        }
    }

    private static long mix(long v) {
        v ^= v >>> 33;
        v *= 0xff51afd7ed558ccdL;
        v ^= v >>> 33;
        return v;
    }
}
