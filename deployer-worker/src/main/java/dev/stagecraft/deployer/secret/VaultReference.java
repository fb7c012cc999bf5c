package dev.stagecraft.deployer.secret;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A secret value written as {@code vault:<mount>/<path>#<key>}, e.g. {@code vault:secret/shop/db#password}: the
 * field {@code key} of the secret at {@code path} in the KV version 2 engine mounted at {@code mount} (the first
 * segment). It is read as {@code GET /v1/<mount>/data/<path>}. A reference is not secret; its value is.
 */
record VaultReference(String mount, String path, String key) {

    static final String PREFIX = "vault:";

    private static final Pattern FORM = Pattern.compile("vault:([^/#\\s]+)/([^/#\\s]+(?:/[^/#\\s]+)*)#([^#\\s]+)");

    static boolean isReference(String value) {
        return value.startsWith(PREFIX);
    }

    /** The reference {@code value} names; refused with a sentence (naming {@code what}) if it is malformed. */
    static VaultReference parse(String what, String value) {
        Matcher matcher = FORM.matcher(value);
        if (!matcher.matches()) {
            throw new SecretUnavailableException(what + " starts with vault: but is not a Vault reference of the form"
                    + " vault:<mount>/<path>#<key> (e.g. vault:secret/shop/db#password); set it again");
        }
        return new VaultReference(matcher.group(1), matcher.group(2), matcher.group(3));
    }

    /** {@code mount/path}, as the Vault client reads it. */
    String secretPath() {
        return mount + "/" + path;
    }

    @Override
    public String toString() {
        return PREFIX + mount + "/" + path + "#" + key;
    }
}
