package dev.mailsift.web.accounts;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An address with a normal form ({@link EmailAddresses}): no invisible, formatting, bidirectional-control or control
 * characters, and a domain IDNA accepts. A refused address is a 400 naming the field.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlainEmail.Validator.class)
public @interface PlainEmail {

    String message() default "must not contain invisible, formatting or bidirectional control characters, "
            + "and its domain must be a valid domain name";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlainEmail, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || EmailAddresses.normalise(value).isPresent();
        }
    }
}
