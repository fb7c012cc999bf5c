package dev.stagecraft.query.application;

import dev.stagecraft.query.environment.EnvironmentView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An application with its pipeline matrix.
 *
 * @param pipeline its stages in pipeline order, each with what runs there
 * @param environments its other (ad-hoc) environments, e.g. review stagings
 */
public record ApplicationView(
        String name,
        @Nullable String repository,
        String driver,
        Map<String, String> driverSettings,
        Map<String, String> defaults,
        String registeredBy,
        Instant registeredAt,
        Instant updatedAt,
        List<PipelineStageView> pipeline,
        List<EnvironmentView> environments) {}
