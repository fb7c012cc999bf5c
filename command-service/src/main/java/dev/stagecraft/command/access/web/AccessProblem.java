package dev.stagecraft.command.access.web;

import org.springframework.http.HttpStatus;

/** A request to the users API that is answered with a problem: the status and a sentence saying what to do. */
final class AccessProblem extends RuntimeException {

    private final HttpStatus status;

    AccessProblem(HttpStatus status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
