package dev.mailsift.web.webhooks;

import dev.mailsift.command.webhooks.UnknownWebhookEndpointException;
import dev.mailsift.command.webhooks.WebhookEndpointLimitException;
import dev.mailsift.web.platform.problem.ProblemType;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem documents for the webhook endpoints' domain failures; consulted before the general handler. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebhookProblemsAdvice {

    @ExceptionHandler(UnknownWebhookEndpointException.class)
    ProblemDetail unknownEndpoint(UnknownWebhookEndpointException e) {
        return ProblemType.NOT_FOUND.toProblem(HttpStatus.NOT_FOUND, "No such webhook endpoint.");
    }

    @ExceptionHandler(WebhookEndpointLimitException.class)
    ProblemDetail limitReached(WebhookEndpointLimitException e) {
        return ProblemType.WEBHOOK_LIMIT_REACHED.toProblem(HttpStatus.CONFLICT, e.getMessage());
    }
}
