package dev.stagecraft.query.environment.web;

import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.query.environment.EnvironmentCursor;
import dev.stagecraft.query.environment.EnvironmentFilter;
import dev.stagecraft.query.environment.EnvironmentKey;
import dev.stagecraft.query.environment.EnvironmentPage;
import dev.stagecraft.query.environment.EnvironmentView;
import dev.stagecraft.query.environment.Environments;
import dev.stagecraft.query.web.BadRequestException;
import dev.stagecraft.query.web.NotFoundException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/v1")
class EnvironmentController {

    private final Environments environments;

    EnvironmentController(Environments environments) {
        this.environments = environments;
    }

    /** Environments listed per page when the request names no {@code limit}. */
    static final int DEFAULT_LIMIT = 100;

    /** The largest {@code limit} accepted; a larger one answers 400 rather than a silently shorter page. */
    static final int MAX_LIMIT = 1000;

    /** The header counting every environment that matches the filter, on all pages. */
    static final String TOTAL_COUNT = "X-Total-Count";

    /**
     * One page of the environments matching the filter, as a JSON array (as before pagination, so that clients that
     * read one array keep working on lists shorter than a page). Pages follow GitHub's REST API: the next page's
     * address is in {@code Link: <…&after=…>; rel="next"}, absent on the last page; {@code X-Total-Count}, on the first
     * page only, counts every match (an index-only count, about as costly as the page itself for 10,000
     * environments, so it is not repeated on every page of a walk through the list). Keyset pagination: {@code after} is the opaque position of the previous page's last environment, so a
     * page costs the same wherever it is in the list, and environments created or removed meanwhile neither repeat
     * nor shift others out of the listing.
     */
    @GetMapping("/environments")
    ResponseEntity<List<EnvironmentView>> list(
            @RequestParam(required = false) @Nullable String app,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String tag,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String after) {
        EnvironmentFilter filter = new EnvironmentFilter(app, statusName(status), tag, q);
        int size = limit(limit);
        EnvironmentCursor start = cursor(after);
        EnvironmentPage page = environments.page(filter, size, start);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (start == null) {
            long total = page.next() == null ? page.items().size() : environments.count(filter);
            answer.header(TOTAL_COUNT, Long.toString(total));
        }
        if (page.next() != null) {
            String next = ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("limit", size)
                    .replaceQueryParam("after", page.next().token())
                    .build()
                    .toUriString();
            answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return answer.body(page.items());
    }

    @GetMapping("/applications/{app}/environments/{env}")
    EnvironmentView get(@PathVariable String app, @PathVariable String env) {
        return environments
                .find(new EnvironmentKey(app, env))
                .orElseThrow(() -> NotFoundException.environment(app, env));
    }

    private static int limit(@Nullable String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int size = Integer.parseInt(limit.strip());
            if (size >= 1 && size <= MAX_LIMIT) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException("limit '" + limit + "' is not a page size: give a whole number from 1 to "
                + MAX_LIMIT + " (default " + DEFAULT_LIMIT + "), and follow the Link header's rel=\"next\" for the"
                + " next page");
    }

    private static @Nullable EnvironmentCursor cursor(@Nullable String after) {
        if (after == null || after.isBlank()) {
            return null;
        }
        return EnvironmentCursor.parse(after)
                .orElseThrow(() -> new BadRequestException("after '" + after + "' is not a position in the"
                        + " environment list: pass the after value of the Link header's rel=\"next\" address"
                        + " unchanged, or leave after out for the first page"));
    }

    private static @Nullable String statusName(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        String name = status.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return EnvironmentStatus.valueOf(name).name();
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("status '" + status + "' is not an environment status; use one of "
                    + Arrays.stream(EnvironmentStatus.values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
