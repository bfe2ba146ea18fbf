package dev.mailsift.web.support;

import dev.mailsift.MailSiftApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** MailSift instances a test starts and closes itself: restarts, several nodes on one database, roles. */
public final class TestNodes {

    private TestNodes() {
    }

    /** The test settings of {@link EmbeddedTestProperties} on this data directory, on a free port. */
    public static Map<String, String> embeddedSettings(Path dataDir) {
        Map<String, String> settings = new LinkedHashMap<>();
        EmbeddedTestProperties.register((name, value) -> settings.put(name, String.valueOf(value.get())), dataDir);
        settings.put("server.port", "0");
        return settings;
    }

    /**
     * A node on PostgreSQL and RabbitMQ: this test's database and chunk queue, mail to {@link TestMailServer}, the
     * engine on {@link HeldSmtp}, chunks of 2 on one worker thread.
     */
    public static Map<String, String> realServicesSettings(Path dataDir, String database, String queue) {
        Map<String, String> settings = embeddedSettings(dataDir);
        settings.put("MAILSIFT_AMQP_URL", RealServices.AMQP_URL);
        settings.put("spring.datasource.url", database);
        settings.put("spring.datasource.username", RealServices.user());
        settings.put("spring.mail.host", "127.0.0.1");
        settings.put("spring.mail.port", String.valueOf(TestMailServer.port()));
        settings.putAll(HeldSmtp.engineProperties());
        settings.put("mailsift.pipeline.chunk-size", "2");
        settings.put("mailsift.pipeline.worker-concurrency", "1");
        settings.put("mailsift.pipeline.chunk-queue", queue);
        settings.put("mailsift.pipeline.chunk-queue-expires", "PT10M");
        return settings;
    }

    /** The settings go in as command-line arguments: they outrank application.yml, as an operator's flags would. */
    public static ConfigurableApplicationContext start(Map<String, String> settings) {
        String[] args = settings.entrySet().stream()
                                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                                .toArray(String[]::new);
        return new SpringApplicationBuilder(MailSiftApplication.class).run(args);
    }

    public static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }
}
