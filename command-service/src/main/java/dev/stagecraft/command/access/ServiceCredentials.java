package dev.stagecraft.command.access;

/**
 * How command-service identifies itself when it calls query-service (the Slack {@code list} and {@code diff}):
 * the value of the {@code Authorization} header to send.
 */
public interface ServiceCredentials {

    String authorizationHeader();
}
