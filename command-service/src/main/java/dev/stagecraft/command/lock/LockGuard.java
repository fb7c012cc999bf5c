package dev.stagecraft.command.lock;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The check every command that deploys to or changes an environment passes: create, update, archive, restore,
 * cleanup, and whatever else {@code EnvironmentDecisions} decides (promotions, rollbacks, approved deployments).
 * While the environment is locked, anyone but the holder is refused with code {@code locked}, naming who locked
 * it, since when, why, and how to get it released.
 */
@Component
public class LockGuard {

    private final Locks locks;

    LockGuard(Locks locks) {
        this.locks = locks;
    }

    /**
     * Refuses unless the environment is unlocked or locked by {@code actor}. Call it with the environment
     * locked ({@code Applications.lockForEnvironment}), as every environment decision does.
     *
     * @param what how the refusal names the change, e.g. {@code "deployed to"}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void refuseUnlessHolder(String app, String environment, String actor, String what) {
        locks.find(app, environment).filter(lock -> !lock.heldBy(actor)).ifPresent(lock -> {
            throw lock.refusal(what);
        });
    }
}
