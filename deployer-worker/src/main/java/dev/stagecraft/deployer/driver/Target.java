package dev.stagecraft.deployer.driver;

/** The environment a driver acts on: {@code app/environment}. */
public record Target(String app, String environment) {

    /** {@code app/environment}, as people and secret contexts name it. */
    public String path() {
        return app + "/" + environment;
    }

    @Override
    public String toString() {
        return path();
    }
}
