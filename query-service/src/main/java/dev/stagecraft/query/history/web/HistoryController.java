package dev.stagecraft.query.history.web;

import dev.stagecraft.query.QueryProperties;
import dev.stagecraft.query.environment.EnvironmentKey;
import dev.stagecraft.query.environment.Environments;
import dev.stagecraft.query.history.EventHistory;
import dev.stagecraft.query.history.HistoryEntry;
import dev.stagecraft.query.web.NotFoundException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class HistoryController {

    private final EventHistory history;
    private final Environments environments;
    private final QueryProperties properties;

    HistoryController(EventHistory history, Environments environments, QueryProperties properties) {
        this.history = history;
        this.environments = environments;
        this.properties = properties;
    }

    @GetMapping("/applications/{app}/environments/{env}/history")
    List<HistoryEntry> ofEnvironment(
            @PathVariable String app,
            @PathVariable String env,
            @RequestParam(required = false) @Nullable Integer limit) {
        if (!environments.exists(new EnvironmentKey(app, env))) {
            throw NotFoundException.environment(app, env);
        }
        return history.of(app, env, properties.page().limit(limit));
    }
}
