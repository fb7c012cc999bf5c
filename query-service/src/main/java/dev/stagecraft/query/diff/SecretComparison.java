package dev.stagecraft.query.diff;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the secrets of two environments by key and fingerprint, never by value: a key only {@code from} has is
 * {@code added} (promoting would add it to {@code to}), one only {@code to} has is {@code removed}; a key both have
 * is {@code changed} or {@code unchanged} by its fingerprints, or {@code unknown} when either lacks one (events
 * from before fingerprints existed, or a value command-service could not open).
 */
public final class SecretComparison {

    /** What a secret key's value does between the two environments. */
    public enum State {
        ADDED,
        REMOVED,
        CHANGED,
        UNCHANGED,
        UNKNOWN;

        /** The state as it is written in answers: lower case. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private SecretComparison() {}

    /** Secret key → its state (as {@link State#label()}), sorted by key. */
    public static SortedMap<String, String> between(
            Collection<String> fromKeys,
            Map<String, String> fromFingerprints,
            Collection<String> toKeys,
            Map<String, String> toFingerprints) {
        SortedMap<String, String> states = new TreeMap<>();
        TreeSet<String> keys = new TreeSet<>(fromKeys);
        keys.addAll(toKeys);
        for (String key : keys) {
            states.put(
                    key,
                    state(key, fromKeys, fromFingerprints, toKeys, toFingerprints)
                            .label());
        }
        return states;
    }

    private static State state(
            String key,
            Collection<String> fromKeys,
            Map<String, String> fromFingerprints,
            Collection<String> toKeys,
            Map<String, String> toFingerprints) {
        if (!toKeys.contains(key)) {
            return State.ADDED;
        }
        if (!fromKeys.contains(key)) {
            return State.REMOVED;
        }
        String from = fromFingerprints.get(key);
        String to = toFingerprints.get(key);
        if (from == null || to == null) {
            return State.UNKNOWN;
        }
        return from.equals(to) ? State.UNCHANGED : State.CHANGED;
    }
}
