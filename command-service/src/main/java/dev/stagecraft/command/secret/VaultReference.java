package dev.stagecraft.command.secret;

import java.util.regex.Pattern;

/**
 * A secret value written as {@code vault:<mount>/<path>#<key>} (e.g. {@code vault:secret/shop/db#password}):
 * where deployer-worker reads the value from Vault's KV v2 engine. A reference is not secret: it is stored and
 * published as it is, never sealed.
 */
public final class VaultReference {

    public static final String PREFIX = "vault:";

    /** The form a reference must have, for the sentences that refuse one. */
    public static final String FORM = "vault:<mount>/<path>#<key> (e.g. vault:secret/shop/db#password)";

    private static final Pattern REFERENCE = Pattern.compile("vault:[^/#\\s]+/[^/#\\s]+(/[^/#\\s]+)*#[^#\\s]+");

    private VaultReference() {}

    /** True if the value is meant as a Vault reference (it starts with {@value #PREFIX}), well-formed or not. */
    public static boolean isReference(String value) {
        return value.startsWith(PREFIX);
    }

    /** True if the value is a well-formed Vault reference. */
    public static boolean isWellFormed(String value) {
        return REFERENCE.matcher(value).matches();
    }
}
