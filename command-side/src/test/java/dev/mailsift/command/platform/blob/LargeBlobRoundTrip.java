package dev.mailsift.command.platform.blob;

import org.springframework.util.unit.DataSize;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Run in a JVM whose heap is smaller than the file: stores the file in S3 (as one PutObject when
 * {@code partSize} is larger, else in parts), reads it back and prints the SHA-256 of what came back. It can only
 * succeed if neither direction holds the file in memory.
 */
public final class LargeBlobRoundTrip {

    private LargeBlobRoundTrip() {
    }

    /** Arguments: endpoint, access key, secret key, bucket, part size in MB, file, key. */
    public static void main(String[] args) throws Exception {
        S3Properties settings = S3Properties.of(args[3], URI.create(args[0]), args[1], args[2])
                                            .withPartSize(DataSize.ofMegabytes(Long.parseLong(args[4])));
        try (S3BlobStore store = new S3BlobStore(settings).ensureBucket()) {
            store.put(args[6], Path.of(args[5]));
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(store.open(args[6]), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            System.out.println("sha256=" + HexFormat.of().formatHex(digest.digest()));
        }
    }
}
