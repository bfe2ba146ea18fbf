package dev.mailsift.engine.intake;

import java.io.Closeable;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.List;

/**
 * The raw rows of an opened list, before its layout is known.
 *
 * @param delimiter the text delimiter ({@code ','} for XLSX)
 * @param resource  what to close once the rows are read
 */
record RowSource(ListReader.Format format, Charset charset, char delimiter, Iterator<List<String>> rows,
                 Closeable resource) {
}
