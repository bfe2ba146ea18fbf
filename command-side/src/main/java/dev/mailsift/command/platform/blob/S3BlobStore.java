package dev.mailsift.command.platform.blob;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Blobs in one S3 bucket (AWS, or MinIO and other S3-compatible servers), through aws-sdk-java-v2 on Apache
 * HttpClient. Files are streamed from disk, in parts when large, never held in memory; downloads go to the browser
 * straight from the bucket through presigned links. See docs/decisions/0021-s3-blob-store.md.
 */
public class S3BlobStore implements BlobStore, AutoCloseable {

    /** The longest a SigV4 presigned URL may live. */
    static final Duration MAX_LINK_LIFETIME = Duration.ofDays(7);
    /** Concurrent requests to S3 from this node: uploads, pipeline reads and avatar reads together. */
    private static final int MAX_CONNECTIONS = 50;
    /** S3 takes at most this many parts per upload; larger files get larger parts. */
    private static final int MAX_PARTS = 10_000;

    private final S3Properties settings;
    private final S3Client s3;
    private final S3Presigner presigner;

    public S3BlobStore(S3Properties settings) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("no S3 bucket configured");
        }
        this.settings = settings;
        AwsCredentialsProvider credentials = settings.accessKey() == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(),
                        settings.secretKey()));
        S3Configuration addressing = S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build();
        Region region = Region.of(settings.region());
        var client = S3Client.builder()
                             .region(region)
                             .credentialsProvider(credentials)
                             .serviceConfiguration(addressing)
                             .httpClientBuilder(ApacheHttpClient.builder()
                                                                .connectionTimeout(Duration.ofSeconds(10))
                                                                .socketTimeout(Duration.ofSeconds(60))
                                                                .maxConnections(MAX_CONNECTIONS));
        var presign = S3Presigner.builder().region(region).credentialsProvider(credentials)
                                 .serviceConfiguration(addressing);
        if (settings.endpoint() != null) {
            client.endpointOverride(settings.endpoint());
        }
        if (settings.publicEndpoint() != null) {
            presign.endpointOverride(settings.publicEndpoint());
        }
        this.s3 = client.build();
        this.presigner = presign.build();
    }

    /** Creates the bucket when it is missing (a fresh MinIO); a bucket another node just created is fine too. */
    public S3BlobStore ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(settings.bucket()));
            return this;
        } catch (NoSuchBucketException missing) {
            // create it below
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
        }
        try {
            s3.createBucket(b -> {
                b.bucket(settings.bucket());
                if (!Region.US_EAST_1.id().equals(settings.region())) {
                    b.createBucketConfiguration(CreateBucketConfiguration.builder()
                                                                         .locationConstraint(settings.region())
                                                                         .build());
                }
            });
        } catch (BucketAlreadyOwnedByYouException createdMeanwhile) {
            // another node won the race
        }
        return this;
    }

    @Override
    public void put(String key, Path file) throws IOException {
        String checked = BlobKeys.check(key);
        long size = Files.size(file);
        String contentType = BlobContentTypes.of(checked);
        try {
            if (size <= settings.partSize().toBytes()) {
                s3.putObject(b -> b.bucket(settings.bucket()).key(checked).contentType(contentType),
                        RequestBody.fromFile(file));
            } else {
                putInParts(checked, file, size, contentType);
            }
        } catch (SdkException e) {
            throw new IOException("could not store " + checked + " in " + describe(), e);
        }
    }

    /** Small blobs (a chunk's verdict copy) straight from memory, without the temporary file. */
    @Override
    public void put(String key, byte[] content) throws IOException {
        String checked = BlobKeys.check(key);
        try {
            s3.putObject(b -> b.bucket(settings.bucket()).key(checked).contentType(BlobContentTypes.of(checked)),
                    RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw new IOException("could not store " + checked + " in " + describe(), e);
        }
    }

    /** S3 answers a delete of a missing key with success too. */
    @Override
    public void delete(String key) throws IOException {
        String checked = BlobKeys.check(key);
        try {
            s3.deleteObject(b -> b.bucket(settings.bucket()).key(checked));
        } catch (SdkException e) {
            throw new IOException("could not delete " + checked + " from " + describe(), e);
        }
    }

    /** A multipart upload: each part is read from the file when it is sent (and again if the SDK retries it). */
    private void putInParts(String key, Path file, long size, String contentType) {
        long partSize = Math.max(settings.partSize().toBytes(), (size + MAX_PARTS - 1) / MAX_PARTS);
        String uploadId = s3.createMultipartUpload(b -> b.bucket(settings.bucket()).key(key)
                                                         .contentType(contentType)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long offset = 0; offset < size; offset += partSize) {
                int partNumber = parts.size() + 1;
                long length = Math.min(partSize, size - offset);
                try (FileSlice slice = new FileSlice(file, offset, length)) {
                    String etag = s3.uploadPart(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId)
                                                      .partNumber(partNumber).contentLength(length),
                            RequestBody.fromContentProvider(slice, length, BlobContentTypes.OCTET_STREAM)).eTag();
                    parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
                }
            }
            s3.completeMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId)
                                             .multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId));
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed); // the bucket's lifecycle rule for incomplete uploads cleans up
            }
            throw e;
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        String checked = BlobKeys.check(key);
        try {
            return new AbortedUnlessReadToTheEnd(s3.getObject(b -> b.bucket(settings.bucket()).key(checked)));
        } catch (NoSuchKeyException e) {
            throw (IOException) new NoSuchFileException(checked).initCause(e);
        } catch (SdkException e) {
            throw new IOException("could not read " + checked + " from " + describe(), e);
        }
    }

    @Override
    public boolean exists(String key) {
        String checked = BlobKeys.check(key);
        try {
            s3.headObject(b -> b.bucket(settings.bucket()).key(checked));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false; // HEAD answers carry no error code, only the status
            }
            throw e;
        }
    }

    /**
     * A GET link signed for {@code validFor}. It names the download and its type itself
     * ({@code response-content-disposition}, {@code response-content-type}), so the browser saves
     * {@code fileName} whatever the object's stored metadata says.
     */
    @Override
    public Optional<URI> downloadUrl(String key, String fileName, Duration validFor) {
        String checked = BlobKeys.check(key);
        if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(MAX_LINK_LIFETIME) > 0) {
            throw new IllegalArgumentException("a presigned link lives more than 0 and at most 7 days");
        }
        var presigned = presigner.presignGetObject(p -> p
                .signatureDuration(validFor)
                .getObjectRequest(g -> g.bucket(settings.bucket()).key(checked)
                                        .responseContentDisposition(BlobContentTypes.attachment(fileName))
                                        .responseContentType(BlobContentTypes.of(fileName))));
        try {
            return Optional.of(presigned.url().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the SDK presigned an invalid URL", e);
        }
    }

    /** Bucket, endpoint and addressing; never the credentials. */
    @Override
    public String describe() {
        return "S3 bucket " + settings.bucket() + " at "
                + (settings.endpoint() == null ? "AWS " + settings.region() : settings.endpoint().toString())
                + (settings.pathStyle() ? " (path-style)" : "")
                + (settings.publicEndpoint() != null && !settings.publicEndpoint().equals(settings.endpoint())
                ? ", download links via " + settings.publicEndpoint() : "");
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }

    /**
     * One part of a file, as a fresh stream each time the SDK asks (a retried part is read again from disk). The
     * stream handed out last is closed on the next request and when the part is done.
     */
    private static final class FileSlice implements ContentStreamProvider, AutoCloseable {

        private final Path file;
        private final long offset;
        private final long length;
        private InputStream current;

        FileSlice(Path file, long offset, long length) {
            this.file = file;
            this.offset = offset;
            this.length = length;
        }

        @Override
        public InputStream newStream() {
            close();
            try {
                FileChannel channel = FileChannel.open(file).position(offset);
                current = new Bounded(Channels.newInputStream(channel), length);
                return current;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            if (current != null) {
                try {
                    current.close();
                } catch (IOException ignored) {
                    // a read-only file handle: nothing was lost
                }
                current = null;
            }
        }
    }

    /**
     * Closed before its end, the SDK's response stream would read the rest of the object to keep the connection for
     * reuse: a results CSV opened only for its first rows would come down whole. Such a stream aborts the request
     * instead (the connection is dropped).
     */
    private static final class AbortedUnlessReadToTheEnd extends FilterInputStream {

        private final ResponseInputStream<?> response;
        private boolean ended;

        AbortedUnlessReadToTheEnd(ResponseInputStream<?> response) {
            super(response);
            this.response = response;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            ended |= n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                response.abort();
            }
            super.close();
        }
    }

    /** At most {@code remaining} bytes of the stream underneath. */
    private static final class Bounded extends FilterInputStream {

        private long remaining;

        Bounded(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(buffer, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
