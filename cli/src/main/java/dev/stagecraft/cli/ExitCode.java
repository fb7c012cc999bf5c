package dev.stagecraft.cli;

/** The exit codes of {@code stagecraft}, documented in the module README and in {@code stagecraft --help}. */
final class ExitCode {

    /** Done: the request was accepted (or, with {@code --wait}, the deployment succeeded). */
    static final int OK = 0;
    /** With {@code --wait}: the deployment failed, was cancelled, superseded or rejected by an approver. */
    static final int DEPLOYMENT_FAILED = 1;
    /** The command line is wrong (unknown option, missing argument, bad value). */
    static final int USAGE = 2;
    /** The service refused the request (4xx other than 401/403: invalid, not found, conflict, locked). */
    static final int REFUSED = 3;
    /** A service cannot be reached, timed out or answered with a server error. */
    static final int UNREACHABLE = 4;
    /** No token, or the token was not accepted (401), or its user lacks the role (403). */
    static final int AUTH = 5;
    /** With {@code --wait}: the deployment had not finished when {@code --timeout} passed. */
    static final int TIMEOUT = 6;
    /** Anything else (a bug in the client); the message says what happened. */
    static final int INTERNAL = 10;

    static final String HELP = """
            Exit codes:
              0  done (with --wait: the deployment succeeded)
              1  with --wait: the deployment failed, was cancelled, superseded or rejected
              2  usage error (unknown option, missing or bad argument)
              3  refused by the service (invalid, not found, conflict, locked)
              4  a service cannot be reached or answered with a server error
              5  no token, token not accepted, or the role is missing
              6  with --wait: the deployment did not finish within --timeout
             10  unexpected error in the client""";

    private ExitCode() {}
}
