package dev.stagecraft.command.intake.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error answer is an RFC 9457 problem: Spring's own (unknown path, wrong method, …) through
 * {@link ResponseEntityExceptionHandler}, and anything unexpected as a 500 without a stack trace.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("request failed unexpectedly", e);
        return Answers.problemAnswer(Answers.problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error",
                "command-service could not handle the request (" + e.getClass().getSimpleName() + "); send it"
                        + " again with the same Idempotency-Key: a command already decided is answered as before"));
    }
}
