package dev.mailsift.web.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Bounds every API request body that is not a file upload (multipart has its own limits): a declared length over
 * the limit answers 413 at once; a chunked body is read here, up to the limit, and answers 413 when it passes it.
 */
class RequestSizeLimitFilter extends OncePerRequestFilter {

    static final long MAX_JSON_BODY = 64 * 1024;

    private final ProblemResponses problems;

    RequestSizeLimitFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String contentType = request.getContentType();
        return !request.getRequestURI().startsWith("/api/")
                || (contentType != null && contentType.toLowerCase().startsWith(MediaType.MULTIPART_FORM_DATA_VALUE));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_JSON_BODY) {
            problems.payloadTooLarge(request, response, MAX_JSON_BODY);
            return;
        }
        if (request.getContentLengthLong() < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            // chunked: read up to the limit here, so that too long a body answers 413 like a declared one instead of
            // failing inside the JSON reader as a malformed body
            byte[] body = request.getInputStream().readNBytes((int) MAX_JSON_BODY + 1);
            if (body.length > MAX_JSON_BODY) {
                problems.payloadTooLarge(request, response, MAX_JSON_BODY);
                return;
            }
            chain.doFilter(new BufferedBodyRequest(request, body), response);
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public ServletInputStream getInputStream() throws IOException {
                return new Bounded(super.getInputStream());
            }
        }, response);
    }

    private static final class Bounded extends ServletInputStream {
        private final ServletInputStream in;
        private long read;

        Bounded(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > MAX_JSON_BODY) {
                throw new IOException("request body larger than " + MAX_JSON_BODY + " bytes");
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
