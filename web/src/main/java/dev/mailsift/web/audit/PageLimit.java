package dev.mailsift.web.audit;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How the {@code limit} of the history's pages is documented: parsed by {@link AuditFilter} (as text, so that a bad
 * one is a 400 naming it), from 1 to {@value AuditFilter#MAX_LIMIT}, {@value AuditFilter#DEFAULT_LIMIT} when absent.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Parameter(description = "How many items the page holds at most.",
        schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "" + AuditFilter.MAX_LIMIT,
                defaultValue = "" + AuditFilter.DEFAULT_LIMIT))
@interface PageLimit {
}
