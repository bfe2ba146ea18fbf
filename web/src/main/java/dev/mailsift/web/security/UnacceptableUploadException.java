package dev.mailsift.web.security;

import org.springframework.http.HttpStatus;

/** An upload refused for its type (415), size (413) or dimensions (400). */
public class UnacceptableUploadException extends RuntimeException {

    private final HttpStatus status;

    public UnacceptableUploadException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
