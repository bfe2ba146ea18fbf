package dev.mailsift.web.platform.problem;

import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** An upload refused for its type (415), size (413) or dimensions (400). */
public class UnacceptableUploadException extends ProblemException {

    public UnacceptableUploadException(HttpStatus status, String message) {
        super(switch (status) {
            case UNSUPPORTED_MEDIA_TYPE -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case PAYLOAD_TOO_LARGE -> ProblemType.PAYLOAD_TOO_LARGE;
            default -> ProblemType.VALIDATION;
        }, status, message);
    }
}
