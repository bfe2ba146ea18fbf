package dev.mailsift.web.audit;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How the {@code after} cursor of the history's pages is documented: a position, parsed by {@link AuditFilter} (as
 * text, so that a bad one is a 400 naming it).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Parameter(description = "The cursor: the `next_after` of the previous page (a position in the event stream); "
        + "absent for the first page.",
        schema = @Schema(type = "integer", format = "int64", minimum = "0"))
@interface CursorAfter {
}
