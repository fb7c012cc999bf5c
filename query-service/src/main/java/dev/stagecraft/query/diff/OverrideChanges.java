package dev.stagecraft.query.diff;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How the public overrides of {@code to} would change if it took those of {@code from}.
 *
 * @param added keys only {@code from} has, with their value there
 * @param removed keys only {@code to} has, with their value there
 * @param changed keys both have with different values
 */
public record OverrideChanges(
        SortedMap<String, String> added, SortedMap<String, String> removed, SortedMap<String, ValueChange> changed) {

    /** A value in {@code from} and in {@code to}. */
    public record ValueChange(String from, String to) {}

    public static OverrideChanges between(Map<String, String> from, Map<String, String> to) {
        SortedMap<String, String> added = new TreeMap<>();
        SortedMap<String, String> removed = new TreeMap<>();
        SortedMap<String, ValueChange> changed = new TreeMap<>();
        from.forEach((key, value) -> {
            String other = to.get(key);
            if (other == null) {
                added.put(key, value);
            } else if (!other.equals(value)) {
                changed.put(key, new ValueChange(value, other));
            }
        });
        to.forEach((key, value) -> {
            if (!from.containsKey(key)) {
                removed.put(key, value);
            }
        });
        return new OverrideChanges(added, removed, changed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
}
