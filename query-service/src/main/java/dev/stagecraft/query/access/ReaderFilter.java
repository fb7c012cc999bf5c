package dev.stagecraft.query.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a call to the API through only if command-service knows its credentials (401 otherwise) and the caller holds
 * a role on the application the call is about (403 otherwise): paths under {@code /applications/{app}} and
 * {@code ?app=} filters. Calls that name no application need any role. When command-service cannot be asked, the
 * answer is 503: nobody is let in unchecked.
 */
final class ReaderFilter extends OncePerRequestFilter {

    static final String CHALLENGE = "Bearer realm=\"stagecraft\", Basic realm=\"stagecraft\", charset=\"UTF-8\"";
    static final String MISSING = "this call needs an API token: send Authorization: Bearer <token> (or Basic auth"
            + " with your user name and password or token), as for command-service; an admin issues tokens there"
            + " with POST /api/v1/users/{name}/tokens";
    static final String INVALID = "the API token or password sent is not valid (unknown, revoked or mistyped);"
            + " send Authorization: Bearer <token> with a current token, or ask an admin for a new one";

    private static final Logger log = LoggerFactory.getLogger(ReaderFilter.class);
    private static final Pattern APP_PATH = Pattern.compile("^/api/v1/applications/([^/]+)(/.*)?$");

    private final CommandServiceCallers callers;

    ReaderFilter(CommandServiceCallers callers) {
        this.callers = callers;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean guarded = path.startsWith("/api/") || path.equals("/actuator/prometheus");
        return !guarded || "OPTIONS".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            refuse(response, request, 401, "Authentication required", MISSING);
            return;
        }
        switch (callers.whoIs(authorization.strip())) {
            case CommandServiceCallers.Known known -> admit(known.reader(), request, response, chain);
            case CommandServiceCallers.Unknown unknown ->
                refuse(response, request, 401, "Authentication required", INVALID);
            case CommandServiceCallers.Unreachable unreachable -> {
                log.warn("could not ask command-service who a caller is: {}", unreachable.reason());
                refuse(
                        response,
                        request,
                        503,
                        "Authentication unavailable",
                        "query-service cannot check credentials now: command-service did not answer ("
                                + unreachable.reason() + "); try again shortly, and check that command-service runs"
                                + " at stagecraft.query.command-base-url");
            }
        }
    }

    private void admit(Reader reader, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String app = appOf(request);
        if (!reader.mayRead(app)) {
            String where = app == null ? "" : " " + app;
            refuse(
                    response,
                    request,
                    403,
                    "Missing role",
                    reader.name() + " may not read" + where + ": that needs the viewer role"
                            + (app == null ? "" : " in " + app) + ", " + reader.name() + " has no role"
                            + (app == null ? "" : " in " + app) + "; an admin can grant it with PUT /api/v1/users/"
                            + reader.name() + " on command-service");
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(new ReaderAuthentication(reader));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** The application the call is about: {@code /api/v1/applications/{app}…}, else the {@code app} parameter. */
    static @Nullable String appOf(HttpServletRequest request) {
        Matcher matcher = APP_PATH.matcher(
                request.getRequestURI().substring(request.getContextPath().length()));
        if (matcher.matches()) {
            return matcher.group(1);
        }
        String app = request.getParameter("app");
        return app == null || app.isBlank() ? null : app;
    }

    static void refuse(
            HttpServletResponse response, HttpServletRequest request, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        if (status == 401) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write("{\"type\":\"urn:stagecraft:problem:" + status + "\",\"title\":\"" + escape(title)
                        + "\",\"status\":" + status + ",\"detail\":\"" + escape(detail) + "\",\"instance\":\""
                        + escape(request.getRequestURI()) + "\"}");
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
