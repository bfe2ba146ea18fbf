package dev.mailsift.command.jobs;

import java.util.List;

/**
 * What intake makes of a list before anything is stored or charged.
 *
 * @param format      {@code csv}, {@code tsv}, {@code txt} or {@code xlsx}, as detected
 * @param header      the header row's cells, or null when the list has none
 * @param emailColumn the 0-based column the addresses were found in
 * @param billable    unique addresses that would be charged (one credit each); the rest cost nothing
 * @param sample      the first data rows as read
 */
public record IntakePreview(String format, List<String> header, int emailColumn, long rows, long unique,
                            long duplicates, long blank, long billable, List<List<String>> sample) {
}
