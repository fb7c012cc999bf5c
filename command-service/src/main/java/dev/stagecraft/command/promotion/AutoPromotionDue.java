package dev.stagecraft.command.promotion;

import java.util.UUID;

/**
 * A DEPLOY succeeded in stage {@code from}, and the next stage {@code to} has {@code autoPromote}: published
 * in-process within the transaction that records the success, handled after it commits. Spring Modulith's
 * event publication registry keeps it until it was handled, so a crash in between does not lose it.
 *
 * @param succeededDeployment the deployment that succeeded in {@code from}; the promotion's command id derives
 *     from it
 */
public record AutoPromotionDue(String app, String from, String to, String version, UUID succeededDeployment) {}
