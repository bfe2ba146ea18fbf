package dev.mailsift.web.problem;

/** A resource that does not exist, or that the caller may not see (the two answer alike: 404). */
public class ResourceNotFoundException extends RuntimeException {

    public ResourceNotFoundException(String message) {
        super(message);
    }
}
