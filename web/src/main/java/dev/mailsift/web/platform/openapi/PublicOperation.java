package dev.mailsift.web.platform.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An operation that takes no access token or API key (sign-up, sign-in, the price list, Stripe's deliveries): the
 * OpenAPI document gives it only the security it declares itself (the refresh cookie, say), or none. It changes
 * nothing at run time: {@code SecurityConfig} decides who may call what.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface PublicOperation {
}
