package dev.stagecraft.deployer.driver;

/** A URL to show users next to an environment (DESIGN §5 {@code info}). */
public record Link(String name, String url) {}
