package dev.mailsift.web.platform.idempotency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A POST that creates something and honours {@code Idempotency-Key}: the same request again with the same key answers
 * what the first answered (nothing is done twice), and the key reused for a different request answers {@code 409
 * idempotency-key-reused}. The handler declares the header ({@code @RequestHeader(name = "Idempotency-Key", required =
 * false) @Size(max = 255)}) so a key too long is a 400 naming it. See {@link IdempotencyFilter}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Idempotent {

    String HEADER = "Idempotency-Key";
    int MAX_KEY_LENGTH = 255;
}
