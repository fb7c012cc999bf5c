package dev.stagecraft.deployer.driver;

import dev.stagecraft.deployer.driver.resilience.DriverResilience;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Every driver of this worker, by name, each decorated by {@link DriverResilience}: every call to a target is
 * retried, guarded by its cluster's circuit breaker and time-limited.
 */
@Component
public class Drivers {

    private final Map<String, Driver> byName;

    public Drivers(List<Driver> drivers, DriverResilience resilience) {
        this.byName = drivers.stream()
                .collect(Collectors.toMap(Driver::name, resilience::decorate, (a, b) -> a, TreeMap::new));
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
