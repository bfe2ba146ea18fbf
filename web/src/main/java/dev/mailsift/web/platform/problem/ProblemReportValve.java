package dev.mailsift.web.platform.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's own error page as an RFC 9457 problem instead of HTML: the answer to what Tomcat refuses before Spring
 * sees the request (a NUL or an over-long header, an encoded slash or {@code %00} in the path, an overlong UTF-8
 * {@code %c0%ae}). Installed on the host in place of {@link ErrorReportValve} by {@link ProblemReportValveConfig}.
 * Public with a public constructor: Tomcat instantiates the host's error report valve by class name.
 */
public class ProblemReportValve extends ErrorReportValve {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // the same guards as Tomcat's own valve: only errors, only once, only while the body may still be written
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ProblemDetail problem = ProblemType.forStatus(status).toProblem(HttpStatusCode.valueOf(status),
                status >= 500 ? "The request could not be completed." : "The request was refused before it was read: "
                        + "its line, path or headers are not acceptable.");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", status);
        body.put("detail", problem.getDetail());
        URI instance = request.getRequestURI() == null ? null : ProblemErrorController.safeUri(request.getRequestURI());
        if (instance != null) {
            body.put("instance", instance.toString());
        }
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(body));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response is already being written: nothing more to say
        }
    }
}
