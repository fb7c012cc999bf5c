package dev.stagecraft.command.access;

import java.util.Locale;

/**
 * What a user may do, as a ladder: each role includes the ones below it. A {@code viewer} reads; a
 * {@code deployer} also creates, updates, promotes, rolls back, archives, restores, cleans up, cancels and
 * locks; an {@code approver} also approves and rejects deployments that wait for approval (never their
 * own); an {@code admin} also registers applications, manages users, forces promotions and breaks locks.
 */
public enum Role {
    VIEWER,
    DEPLOYER,
    APPROVER,
    ADMIN;

    /** True if someone with this role may do what {@code needed} allows. */
    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** The name users write and read: {@code viewer}, {@code deployer}, {@code approver}, {@code admin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role ofWireName(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name.strip().toLowerCase(Locale.ROOT))) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + name + "'; use viewer, deployer, approver or admin");
    }
}
