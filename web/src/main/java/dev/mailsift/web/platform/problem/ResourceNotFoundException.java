package dev.mailsift.web.platform.problem;

import org.springframework.http.HttpStatus;

/** A resource that does not exist, or that the caller may not see (the two answer alike: 404). */
public class ResourceNotFoundException extends ProblemException {

    public ResourceNotFoundException(String message) {
        super(ProblemType.NOT_FOUND, HttpStatus.NOT_FOUND, message);
    }
}
