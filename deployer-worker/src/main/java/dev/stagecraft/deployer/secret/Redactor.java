package dev.stagecraft.deployer.secret;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Hides secret values in text that leaves the worker: every occurrence of a value becomes {@value #MASK}.
 * Longer values are hidden first, so that a value containing another one is hidden whole.
 */
public final class Redactor {

    public static final String MASK = "******";

    private static final Redactor NONE = new Redactor(List.of());

    private final List<String> values;

    private Redactor(List<String> values) {
        this.values = values;
    }

    /** Hides {@code values} (plaintext); empty ones are ignored. */
    public static Redactor of(Collection<String> values) {
        return new Redactor(values.stream()
                .filter(value -> !value.isEmpty())
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList());
    }

    public static Redactor none() {
        return NONE;
    }

    /** Hides the values of both. */
    public Redactor and(Redactor other) {
        return of(Stream.concat(values.stream(), other.values.stream()).toList());
    }

    public String redact(String text) {
        String redacted = text;
        for (String value : values) {
            redacted = redacted.replace(value, MASK);
        }
        return redacted;
    }
}
