package dev.mailsift.command.platform.blob;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What a blob is, told by its name's extension, and how a browser should save it: for stores that serve blobs
 * themselves (S3 through presigned links), where the service cannot set the response headers.
 */
public final class BlobContentTypes {

    public static final String CSV = "text/csv; charset=utf-8";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String OCTET_STREAM = "application/octet-stream";

    private BlobContentTypes() {
    }

    public static String of(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        return switch (dot < 0 ? "" : lower.substring(dot + 1)) {
            case "csv" -> CSV;
            case "tsv" -> "text/tab-separated-values; charset=utf-8";
            case "txt" -> "text/plain; charset=utf-8";
            case "xlsx" -> XLSX;
            case "json" -> "application/json";
            case "png" -> "image/png";
            default -> OCTET_STREAM;
        };
    }

    /**
     * {@code attachment} with the file name twice (RFC 6266): an ASCII fallback in {@code filename} and the exact
     * name in {@code filename*} (RFC 8187), so no quote, backslash or line break in a user's file name can break
     * out of the header.
     */
    public static String attachment(String fileName) {
        StringBuilder fallback = new StringBuilder();
        fileName.codePoints().forEach(c -> fallback.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\'
                ? (char) c : '_'));
        return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encode(fileName);
    }

    private static String encode(String value) {
        StringBuilder out = new StringBuilder();
        HexFormat hex = HexFormat.of().withUpperCase();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(hex.toHexDigits(b));
            }
        }
        return out.toString();
    }
}
