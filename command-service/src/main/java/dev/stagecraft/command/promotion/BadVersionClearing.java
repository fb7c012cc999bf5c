package dev.stagecraft.command.promotion;

import dev.stagecraft.command.environment.EnvironmentDecided;
import dev.stagecraft.contracts.command.CreateEnvironment;
import dev.stagecraft.contracts.command.UpdateEnvironment;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * An explicit {@code environment.create} or {@code environment.update} of a version clears that version's bad
 * mark for the environment, in the transaction that decides it: someone chose to deploy it there again.
 * (Promotions, approvals and rollbacks clear marks where they are decided.)
 */
@Component
class BadVersionClearing {

    private final BadVersions badVersions;

    BadVersionClearing(BadVersions badVersions) {
        this.badVersions = badVersions;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(EnvironmentDecided decided) {
        String version = switch (decided.command()) {
            case CreateEnvironment create -> create.version();
            case UpdateEnvironment update -> update.version();
            default -> null;
        };
        if (version != null) {
            badVersions.clear(decided.app(), decided.environment(), version);
        }
    }
}
