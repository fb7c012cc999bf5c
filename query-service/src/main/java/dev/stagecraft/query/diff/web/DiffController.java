package dev.stagecraft.query.diff.web;

import dev.stagecraft.query.diff.EnvironmentDiff;
import dev.stagecraft.query.diff.EnvironmentDiffs;
import dev.stagecraft.query.web.BadRequestException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/applications/{app}/diff")
class DiffController {

    private final EnvironmentDiffs diffs;

    DiffController(EnvironmentDiffs diffs) {
        this.diffs = diffs;
    }

    @GetMapping
    EnvironmentDiff diff(
            @PathVariable String app,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to) {
        if (from == null || from.isBlank() || to == null || to.isBlank()) {
            throw new BadRequestException("name both environments: GET /api/v1/applications/" + app
                    + "/diff?from=qa&to=prod compares qa (the source of a promotion) with prod");
        }
        if (from.strip().equals(to.strip())) {
            throw new BadRequestException("from and to are both " + from.strip()
                    + "; an environment does not differ from itself, name two different environments of " + app);
        }
        return diffs.diff(app, from.strip(), to.strip());
    }
}
