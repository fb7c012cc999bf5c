/**
 * The git push web hook ({@code POST /webhooks/git}): GitHub push deliveries, verified by their HMAC signature
 * and never accepted twice, deploy the pushed commit to the pipeline stages whose {@code branch} was pushed.
 */
@NullMarked
package dev.stagecraft.command.webhook;

import org.jspecify.annotations.NullMarked;
