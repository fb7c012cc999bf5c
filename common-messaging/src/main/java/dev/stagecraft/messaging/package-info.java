/**
 * What every Stagecraft service needs to speak on the bus reliably: the {@link
 * dev.stagecraft.messaging.Outbox} (a transactional outbox table, relayed in batches with publisher confirms by
 * the {@link dev.stagecraft.messaging.OutboxRelay}), the {@link dev.stagecraft.messaging.Inbox}, per-environment
 * {@link dev.stagecraft.messaging.EventSequences} and {@link dev.stagecraft.messaging.StagecraftTopology}.
 */
@NullMarked
package dev.stagecraft.messaging;

import org.jspecify.annotations.NullMarked;
