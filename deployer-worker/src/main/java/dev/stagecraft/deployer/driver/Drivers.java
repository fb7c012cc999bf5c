package dev.stagecraft.deployer.driver;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Every driver of this worker, by name. */
@Component
public class Drivers {

    private final Map<String, Driver> byName;

    public Drivers(List<Driver> drivers) {
        this.byName = drivers.stream()
                .collect(Collectors.toMap(Driver::name, Function.identity(), (a, b) -> a, TreeMap::new));
    }

    public Optional<Driver> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The driver named {@code name}; fails with a sentence listing the known ones. */
    public Driver get(String name) {
        return find(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown driver '" + name + "'; this worker knows "
                        + String.join(", ", byName.keySet()) + ": set the application's driver to one of them"));
    }
}
