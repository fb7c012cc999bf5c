package dev.stagecraft.query.environment;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of an environment list.
 *
 * @param items the environments of the page, in list order
 * @param next where the next page starts, or null if this is the last one
 */
public record EnvironmentPage(
        List<EnvironmentView> items, @Nullable EnvironmentCursor next) {}
