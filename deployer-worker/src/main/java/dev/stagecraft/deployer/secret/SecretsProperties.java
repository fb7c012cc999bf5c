package dev.stagecraft.deployer.secret;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * {@code stagecraft.secrets.*}.
 *
 * @param key base64 of the 32-byte AES key shared with command-service ({@code openssl rand -base64 32});
 *     unset means {@link DevelopmentKey#DEVELOPMENT_KEY}
 * @param vault where {@code vault:} references are read; off unless {@code vault.address} is set
 */
@ConfigurationProperties("stagecraft.secrets")
public record SecretsProperties(@Nullable String key, Vault vault) {

    @ConstructorBinding
    public SecretsProperties(@Nullable String key, @Nullable Vault vault) {
        this.key = key;
        this.vault = vault != null ? vault : Vault.OFF;
    }

    /** Without Vault. */
    public SecretsProperties(@Nullable String key) {
        this(key, null);
    }

    public boolean usesDevelopmentKey() {
        return key == null || key.isBlank();
    }

    public String effectiveKey() {
        return key == null || key.isBlank() ? DevelopmentKey.DEVELOPMENT_KEY : key;
    }

    @Override
    public String toString() {
        return "SecretsProperties[key=" + (usesDevelopmentKey() ? "development key" : "******") + ", vault=" + vault
                + "]";
    }

    /**
     * {@code stagecraft.secrets.vault.*}: the Vault server that {@code vault:<mount>/<path>#<key>} references are
     * read from (KV version 2).
     *
     * @param address e.g. {@code https://vault.example:8200}; unset = Vault off (a reference then fails its
     *     deployment)
     * @param token the Vault token sent as {@code X-Vault-Token}; needs {@code read} on {@code <mount>/data/<path>}
     * @param namespace the Vault Enterprise namespace ({@code X-Vault-Namespace}), if any
     * @param timeout how long to wait for Vault to connect and to answer (whole seconds; default 5 s)
     */
    public record Vault(
            @Nullable String address,
            @Nullable String token,
            @Nullable String namespace,
            Duration timeout) {

        static final Vault OFF = new Vault(null, null, null, null);

        public Vault(
                @Nullable String address,
                @Nullable String token,
                @Nullable String namespace,
                @Nullable Duration timeout) {
            this.address = address;
            this.token = token;
            this.namespace = namespace;
            this.timeout =
                    timeout != null && !timeout.isNegative() && !timeout.isZero() ? timeout : Duration.ofSeconds(5);
        }

        public boolean enabled() {
            return address != null && !address.isBlank();
        }

        @Override
        public String toString() {
            return "Vault[address=" + address + ", token=" + (token == null ? "unset" : "******") + ", namespace="
                    + namespace + ", timeout=" + timeout + "]";
        }
    }
}
