package dev.mailsift.command.platform.blob;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.net.URI;

/**
 * Settings of the S3 blob store ({@code mailsift.s3.*}, from the {@code MAILSIFT_S3_*} variables). With no bucket,
 * blobs stay on local disk.
 *
 * @param bucket         the bucket holding every blob; blank: S3 is not used
 * @param region         the bucket's region; S3-compatible servers (MinIO) accept any, {@code us-east-1} is usual
 * @param endpoint       the S3 API the service talks to, e.g. {@code http://minio:9000}; null: AWS for the region
 * @param publicEndpoint the same API as browsers reach it, for presigned download links (the host is part of the
 *                       signature, so it cannot be rewritten afterwards); null: {@link #endpoint}
 * @param accessKey      with {@code secretKey}, static credentials; both blank: the AWS default chain (environment,
 *                       profile, container or instance role)
 * @param secretKey      never logged (see {@link #toString()})
 * @param pathStyle      {@code http://host/bucket/key} instead of {@code http://bucket.host/key}; null: path-style
 *                       exactly when an endpoint is set (MinIO and most S3-compatible servers need it)
 * @param createBucket   create the bucket at start-up when it is missing; null: yes
 * @param partSize       files larger than this go up in parts of this size (multipart upload, at least 5MB; Spring's MB is 2^20 bytes);
 *                       null: 16MB
 */
@ConfigurationProperties("mailsift.s3")
public record S3Properties(String bucket, String region, URI endpoint, URI publicEndpoint, String accessKey,
                           String secretKey, Boolean pathStyle, Boolean createBucket, DataSize partSize) {

    /** S3's smallest allowed part (all but the last). */
    public static final DataSize MIN_PART_SIZE = DataSize.ofMegabytes(5);

    public S3Properties {
        bucket = blankToNull(bucket);
        region = blankToNull(region) == null ? "us-east-1" : region.strip();
        endpoint = emptyToNull(endpoint);
        publicEndpoint = emptyToNull(publicEndpoint) == null ? endpoint : publicEndpoint;
        accessKey = blankToNull(accessKey);
        secretKey = blankToNull(secretKey);
        pathStyle = pathStyle == null ? endpoint != null : pathStyle;
        createBucket = createBucket == null || createBucket;
        partSize = partSize == null ? DataSize.ofMegabytes(16) : partSize;
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("Set both MAILSIFT_S3_ACCESS_KEY and MAILSIFT_S3_SECRET_KEY, or neither "
                    + "(the AWS default credentials chain is used then).");
        }
        if (partSize.compareTo(MIN_PART_SIZE) < 0) {
            throw new IllegalArgumentException("mailsift.s3.part-size must be at least 5MB (S3's smallest part).");
        }
    }

    /** Settings for a bucket behind an S3-compatible endpoint with static credentials (MinIO, S3Proxy). */
    public static S3Properties of(String bucket, URI endpoint, String accessKey, String secretKey) {
        return new S3Properties(bucket, null, endpoint, null, accessKey, secretKey, null, null, null);
    }

    public boolean enabled() {
        return bucket != null;
    }

    public S3Properties withPublicEndpoint(URI publicEndpoint) {
        return new S3Properties(bucket, region, endpoint, publicEndpoint, accessKey, secretKey, pathStyle,
                createBucket, partSize);
    }

    public S3Properties withPartSize(DataSize partSize) {
        return new S3Properties(bucket, region, endpoint, publicEndpoint, accessKey, secretKey, pathStyle,
                createBucket, partSize);
    }

    public S3Properties withCreateBucket(boolean createBucket) {
        return new S3Properties(bucket, region, endpoint, publicEndpoint, accessKey, secretKey, pathStyle,
                createBucket, partSize);
    }

    /** Everything but the secret key. */
    @Override
    public String toString() {
        return "S3Properties[bucket=" + bucket + ", region=" + region + ", endpoint=" + endpoint
                + ", publicEndpoint=" + publicEndpoint + ", accessKey=" + accessKey
                + ", secretKey=" + (secretKey == null ? null : "(set)") + ", pathStyle=" + pathStyle
                + ", createBucket=" + createBucket + ", partSize=" + partSize + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** An empty {@code MAILSIFT_S3_ENDPOINT=} binds to an empty URI: the same as unset. */
    private static URI emptyToNull(URI value) {
        return value == null || value.toString().isBlank() ? null : value;
    }
}
