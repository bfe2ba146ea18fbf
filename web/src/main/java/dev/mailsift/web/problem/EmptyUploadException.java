package dev.mailsift.web.problem;

/** A multipart upload whose file part is empty. */
public class EmptyUploadException extends RuntimeException {

    public EmptyUploadException() {
        super("The uploaded file is empty.");
    }
}
