package dev.mailsift.web.platform.node;

import dev.mailsift.command.platform.blob.BlobStore;
import dev.mailsift.command.platform.blob.FileSystemBlobStore;
import dev.mailsift.web.platform.security.ServiceSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says at start-up which parts run embedded and which talk to real services. */
@Component
class RuntimeModeReport {

    private static final Logger log = LoggerFactory.getLogger(RuntimeModeReport.class);

    private final Environment environment;
    private final BlobStore blobs;
    private final NodeRoles roles;
    private final ServiceSecrets secrets;

    RuntimeModeReport(Environment environment, BlobStore blobs, NodeRoles roles, ServiceSecrets secrets) {
        this.environment = environment;
        this.blobs = blobs;
        this.roles = roles;
        this.secrets = secrets;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        String url = environment.getProperty("spring.datasource.url", "");
        String database = url.startsWith("jdbc:h2:")
                ? "EMBEDDED H2 (PostgreSQL mode) at " + url.substring("jdbc:h2:".length()).split(";")[0]
                + " - set MAILSIFT_DB_URL for PostgreSQL"
                : "PostgreSQL " + url.split("\\?")[0];
        String messaging = environment.getProperty("mailsift.amqp.enabled", Boolean.class, false)
                ? "RabbitMQ (events to exchange " + environment.getProperty("axon.amqp.exchange") + ")"
                : "EMBEDDED in-process buses - set MAILSIFT_AMQP_URL for RabbitMQ";
        String files = blobs instanceof FileSystemBlobStore
                ? "EMBEDDED " + blobs.describe() + " - set MAILSIFT_S3_BUCKET for S3"
                : blobs.describe();
        log.info("MailSift is up at http://localhost:{}\n  roles:     {}\n  database:  {}\n  messaging: {}"
                        + "\n  files:     {}\n  secret:    {}",
                environment.getProperty("local.server.port", environment.getProperty("server.port", "8080")),
                describe(roles), database, messaging, files, secrets.describe());
    }

    static String describe(NodeRoles roles) {
        StringBuilder text = new StringBuilder(roles.toString());
        text.append(roles.api() ? "" : " - no API here: /api and the dashboard answer 404, the actuator stays up");
        text.append(roles.worker() ? "" : " - verifies no chunks");
        text.append(roles.projections() ? ""
                : " - no streaming processors, pipeline saga or deadline scheduler (dormant on this node)");
        return text.toString();
    }
}
