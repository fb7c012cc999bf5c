package dev.stagecraft.query.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Answers 404 as {@code application/problem+json} whose detail says what is unknown and where to look. */
public class NotFoundException extends ErrorResponseException {

    public NotFoundException(String what, String detail) {
        super(HttpStatus.NOT_FOUND, problem(what, detail), null);
    }

    private static ProblemDetail problem(String what, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle(what + " not found");
        return problem;
    }

    public static NotFoundException application(String app) {
        return new NotFoundException(
                "Application",
                "application " + app + " is unknown to query-service; "
                        + "list applications with GET /api/v1/applications");
    }

    public static NotFoundException environment(String app, String environment) {
        return new NotFoundException(
                "Environment",
                "environment " + app + "/" + environment + " is unknown to query-service; "
                        + "list environments with GET /api/v1/environments?app=" + app);
    }

    public static NotFoundException deployment(String id) {
        return new NotFoundException(
                "Deployment",
                "deployment " + id + " is unknown to query-service; list the deployments of an environment with "
                        + "GET /api/v1/applications/{app}/environments/{env}/deployments");
    }
}
