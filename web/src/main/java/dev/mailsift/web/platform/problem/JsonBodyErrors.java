package dev.mailsift.web.platform.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.time.temporal.Temporal;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code {field, message}} entry of a JSON body Jackson refused, in the body's own (snake_case) field names:
 * an unknown field, a value of the wrong type (a number for a string, {@code 1.5} for a whole number), or content
 * after the object.
 */
final class JsonBodyErrors {

    private JsonBodyErrors() {
    }

    static Optional<Map<String, String>> of(Throwable cause) {
        if (!(cause instanceof JsonMappingException mapping)) {
            return Optional.empty();
        }
        String field = mapping.getPath().stream()
                              .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                                      : "[" + reference.getIndex() + "]")
                              .collect(Collectors.joining(".")).replace(".[", "[");
        if (field.isEmpty()) {
            return Optional.empty();
        }
        if (mapping instanceof UnrecognizedPropertyException) {
            return Optional.of(Map.of("field", field, "message", "is not a field of this request"));
        }
        if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return Optional.of(Map.of("field", field, "message", "must be " + expected(mismatch.getTargetType())));
        }
        return Optional.of(Map.of("field", field, "message", "has a value of the wrong form"));
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 timestamp as a string";
        }
        if (type.isEnum() || type.isRecord()) {
            return type.isEnum() ? "one of the documented values" : "an object of the documented shape";
        }
        return "of the documented type";
    }
}
