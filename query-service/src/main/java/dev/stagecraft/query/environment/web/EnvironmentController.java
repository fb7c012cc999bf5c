package dev.stagecraft.query.environment.web;

import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.query.environment.EnvironmentFilter;
import dev.stagecraft.query.environment.EnvironmentKey;
import dev.stagecraft.query.environment.EnvironmentView;
import dev.stagecraft.query.environment.Environments;
import dev.stagecraft.query.web.BadRequestException;
import dev.stagecraft.query.web.NotFoundException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class EnvironmentController {

    private final Environments environments;

    EnvironmentController(Environments environments) {
        this.environments = environments;
    }

    @GetMapping("/environments")
    List<EnvironmentView> list(
            @RequestParam(required = false) @Nullable String app,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String tag,
            @RequestParam(required = false) @Nullable String q) {
        return environments.list(new EnvironmentFilter(app, statusName(status), tag, q));
    }

    @GetMapping("/applications/{app}/environments/{env}")
    EnvironmentView get(@PathVariable String app, @PathVariable String env) {
        return environments
                .find(new EnvironmentKey(app, env))
                .orElseThrow(() -> NotFoundException.environment(app, env));
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
