package dev.stagecraft.deployer.driver.kubernetes;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.TargetUnavailableException;
import dev.stagecraft.deployer.secret.Redactor;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Calls to one cluster's API server, with its failures turned into sentences: no answer, 5xx or 429 is
 * {@link TargetUnavailableException} (transient, the worker tries again later); another 4xx is a
 * {@link DriverException} saying what was refused. Messages pass through the redactor of the spec's secrets.
 */
record ApiCalls(String cluster, Redactor redactor) {

    <T> T call(String step, String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw translate(step, what, e);
        }
    }

    void run(String step, String what, Runnable call) {
        call(step, what, () -> {
            call.run();
            return null;
        });
    }

    DriverException translate(String step, String what, KubernetesClientException e) {
        int code = e.getCode();
        String detail = redactor.redact(detail(e));
        if (code == 0 || code == 429 || code >= 500 || causedByIo(e)) {
            return new TargetUnavailableException(
                    step,
                    "the Kubernetes API server of cluster " + cluster + " is unavailable (" + detail + ") while " + what
                            + "; try again when it is back",
                    e);
        }
        String advice = switch (code) {
            case 401 -> "check the token of stagecraft.deployer.kubernetes.clusters." + cluster;
            case 403 -> "grant the worker's credentials that permission in cluster " + cluster;
            case 422 -> "fix the resource in the chart";
            default -> "check the chart and the driverSettings";
        };
        return new DriverException(
                step,
                FailureReason.GENERIC,
                "the Kubernetes API server of cluster " + cluster + " refused " + what + " (" + code + " " + detail
                        + "); " + advice);
    }

    private static String detail(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
