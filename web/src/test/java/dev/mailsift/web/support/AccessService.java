package dev.mailsift.web.support;

import dev.mailsift.command.platform.blob.BlobStore;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The running service an {@link AccessContract} talks to. The environments extend it; the context's configuration
 * lives on them alone, so every topic class of one environment has the same context cache key.
 */
public abstract class AccessService implements AccessContract {

    @LocalServerPort
    private int port;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private BlobStore blobs;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Override
    public ApiClient api() {
        return api;
    }

    @Override
    public JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public BlobStore blobs() {
        return blobs;
    }

    @Override
    public int port() {
        return port;
    }
}
