package dev.stagecraft.query.deployment.web;

import dev.stagecraft.query.QueryProperties;
import dev.stagecraft.query.deployment.DeploymentView;
import dev.stagecraft.query.deployment.Deployments;
import dev.stagecraft.query.environment.EnvironmentKey;
import dev.stagecraft.query.environment.Environments;
import dev.stagecraft.query.web.Ids;
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
class DeploymentController {

    private final Deployments deployments;
    private final Environments environments;
    private final QueryProperties properties;

    DeploymentController(Deployments deployments, Environments environments, QueryProperties properties) {
        this.deployments = deployments;
        this.environments = environments;
        this.properties = properties;
    }

    @GetMapping("/applications/{app}/environments/{env}/deployments")
    List<DeploymentView> ofEnvironment(
            @PathVariable String app,
            @PathVariable String env,
            @RequestParam(required = false) @Nullable Integer limit) {
        EnvironmentKey key = new EnvironmentKey(app, env);
        if (!environments.exists(key)) {
            throw NotFoundException.environment(app, env);
        }
        return deployments.of(key, properties.page().limit(limit));
    }

    @GetMapping("/deployments/{id}")
    DeploymentView get(@PathVariable String id) {
        return deployments.find(Ids.deployment(id)).orElseThrow(() -> NotFoundException.deployment(id));
    }
}
