package dev.mailsift.command.platform.blob.support;

import dev.mailsift.command.platform.blob.S3Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

import java.net.URI;
import java.util.Properties;
import java.util.UUID;

/**
 * A real S3 server in this JVM, on loopback: S3Proxy over an in-memory store. It checks every request's AWS
 * signature (header-signed and presigned, SigV4) against one access key and secret, as S3 and MinIO do.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "mailsift-test";

    private final S3Proxy proxy;
    private final String secretKey = "secret-" + UUID.randomUUID();

    private S3ProxyServer() throws Exception {
        Properties backend = new Properties();
        backend.setProperty("jclouds.identity", "unused");
        backend.setProperty("jclouds.credential", "unused");
        proxy = S3Proxy.builder()
                       .blobStore(BlobStores.create("transient", backend))
                       .endpoint(URI.create("http://127.0.0.1:0"))
                       .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, secretKey)
                       .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    public static S3ProxyServer start() throws Exception {
        return new S3ProxyServer();
    }

    /** {@code http://localhost:PORT}: the name the service uses; download links may name 127.0.0.1 instead. */
    public URI endpoint() {
        return URI.create("http://localhost:" + proxy.getPort());
    }

    public int port() {
        return proxy.getPort();
    }

    public String secretKey() {
        return secretKey;
    }

    /** Blob-store settings for {@code bucket} on this server, with the right credentials. */
    public S3Properties settings(String bucket) {
        return S3Properties.of(bucket, endpoint(), ACCESS_KEY, secretKey);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
