package dev.stagecraft.contracts.event;

/** A link the environment's driver gives users (its {@code info} operation): a name and a URL. */
public record EnvironmentLink(String name, String url) {}
