package dev.mailsift.web.platform.openapi;

import dev.mailsift.web.platform.problem.ProblemType;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A problem an operation can answer beyond those every operation of its kind can ({@link ProblemDocumentation}
 * adds those): its status, its stable type and when it happens. The OpenAPI document shows it as an
 * {@code application/problem+json} response with an example.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(ProblemResponseList.class)
public @interface ProblemResponse {

    int status();

    ProblemType type();

    /** When it happens, for people: becomes the example's {@code detail}. */
    String when();
}
