/**
 * What every Stagecraft service needs to speak on the bus reliably: the {@link
 * dev.stagecraft.messaging.Outbox} (a transactional outbox on Spring Modulith's event publication
 * registry, relayed with publisher confirms), the {@link dev.stagecraft.messaging.Inbox}, per-environment
 * {@link dev.stagecraft.messaging.EventSequences} and {@link dev.stagecraft.messaging.StagecraftTopology}.
 */
@NullMarked
package dev.stagecraft.messaging;

import org.jspecify.annotations.NullMarked;
