package dev.stagecraft.deployer.driver.resilience;

import dev.stagecraft.deployer.driver.StepReporter;
import dev.stagecraft.deployer.driver.Target;
import java.util.function.Function;

/**
 * One operation of a driver, to be run under the resilience of {@code cluster}.
 *
 * @param firstStep the step a wait is reported on before the operation reported any
 * @param body the driver's operation, reporting through the reporter it is given
 */
record GuardedCall<T>(
        DriverCall kind, Target target, String cluster, String firstStep, Function<StepReporter, T> body) {

    /** E.g. {@code deploy of shop/qa}. */
    String describe() {
        return kind.label() + " of " + target;
    }
}
