package dev.mailsift.web.platform.problem;

import org.springframework.http.HttpStatus;

/** A multipart upload whose file part is empty. */
public class EmptyUploadException extends ProblemException {

    public EmptyUploadException() {
        super(ProblemType.VALIDATION, HttpStatus.BAD_REQUEST, "The uploaded file is empty.");
    }
}
