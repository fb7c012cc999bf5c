package dev.stagecraft.command.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;

/**
 * The 401 answer: an RFC 9457 problem saying what to send, and {@code WWW-Authenticate} offering both schemes.
 */
@Component
class Unauthenticated implements AuthenticationEntryPoint {

    static final String CHALLENGE = "Bearer realm=\"stagecraft\", Basic realm=\"stagecraft\", charset=\"UTF-8\"";
    static final String MISSING = "this call needs an API token: send Authorization: Bearer <token> (or Basic auth"
            + " with your user name and password or token); an admin issues tokens with"
            + " POST /api/v1/users/{name}/tokens, and ./bootstrap/up prints the first admin's";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        String detail = failure instanceof BadCredentialsException ? Authenticator.INVALID : MISSING;
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(problem(detail, request.getRequestURI()));
    }

    static String problem(String detail, String instance) {
        return "{\"type\":\"urn:stagecraft:problem:unauthenticated\",\"title\":\"Authentication required\","
                + "\"status\":401,\"detail\":\"" + escape(detail) + "\",\"instance\":\"" + escape(instance) + "\"}";
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
