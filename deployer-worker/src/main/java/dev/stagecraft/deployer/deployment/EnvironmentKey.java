package dev.stagecraft.deployer.deployment;

/** Identifies an environment's queue: {@code app/environment}. */
record EnvironmentKey(String app, String environment) {

    @Override
    public String toString() {
        return app + "/" + environment;
    }
}
