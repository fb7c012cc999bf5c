package dev.stagecraft.deployer.secret;

import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.LogicalResponse;
import java.net.http.HttpClient;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads {@code vault:<mount>/<path>#<key>} references from Vault's KV version 2 engine with the
 * vault-java-driver ({@code GET /v1/<mount>/data/<path>}, token in {@code X-Vault-Token}). Off unless
 * {@code stagecraft.secrets.vault.address} is set. Every failure is a {@link SecretUnavailableException} whose
 * sentence names the secret, its environment and the reference, and says what to do; never a value.
 */
@Component
class VaultSecrets {

    private static final Logger log = LoggerFactory.getLogger(VaultSecrets.class);

    private final SecretsProperties.Vault settings;
    private final @Nullable Vault vault;

    VaultSecrets(SecretsProperties properties) {
        this.settings = properties.vault();
        this.vault = settings.enabled() ? connect(settings) : null;
        if (vault != null) {
            log.info("vault: secret references are read from {}", settings.address());
        }
    }

    /** The value {@code reference} points at; {@code secret} names what it is for (key and environment). */
    String read(String secret, VaultReference reference) {
        String what = secret + " (" + reference + ")";
        if (vault == null) {
            throw new SecretUnavailableException(what + " is a Vault reference, but Vault is off in deployer-worker;"
                    + " set stagecraft.secrets.vault.address and .token (STAGECRAFT_SECRETS_VAULT_ADDRESS,"
                    + " STAGECRAFT_SECRETS_VAULT_TOKEN), or set the secret to a value");
        }
        LogicalResponse response;
        try {
            response = vault.logical().read(reference.secretPath());
        } catch (VaultException e) {
            if (e.getHttpStatusCode() > 0) {
                throw new SecretUnavailableException(
                        "cannot read " + what + ": Vault answered HTTP " + e.getHttpStatusCode() + "; see Vault's log");
            }
            throw new SecretUnavailableException(
                    "cannot read " + what + ": Vault at " + settings.address() + " did not answer (" + cause(e)
                            + "); check stagecraft.secrets.vault.address and that Vault is up");
        }
        return valueOf(what, reference, response);
    }

    private String valueOf(String what, VaultReference reference, LogicalResponse response) {
        int status = response.getRestResponse().getStatus();
        String dataPath = reference.mount() + "/data/" + reference.path();
        switch (status) {
            case 200 -> {
                String value = response.getData().get(reference.key());
                if (value == null) {
                    throw new SecretUnavailableException("cannot read " + what + ": the secret at " + dataPath
                            + " has no key '" + reference.key() + "'; add it in Vault or fix the reference");
                }
                return value;
            }
            case 403 ->
                throw new SecretUnavailableException("cannot read " + what + ": Vault denied permission; give the token"
                        + " of stagecraft.secrets.vault.token a policy that allows read on " + dataPath);
            case 404 ->
                throw new SecretUnavailableException("cannot read " + what + ": Vault has no secret at " + dataPath
                        + " (is '" + reference.mount() + "' a KV version 2 mount?); write it or fix the reference");
            default ->
                throw new SecretUnavailableException("cannot read " + what + ": Vault answered HTTP " + status + " for "
                        + dataPath + "; see Vault's log");
        }
    }

    private static Vault connect(SecretsProperties.Vault settings) {
        int seconds = (int) Math.max(1, settings.timeout().toSeconds());
        try {
            VaultConfig config = new VaultConfig()
                    .address(settings.address())
                    .engineVersion(2)
                    .openTimeout(seconds)
                    .readTimeout(seconds)
                    .httpClient(HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(seconds))
                            .build());
            if (settings.token() != null && !settings.token().isBlank()) {
                config.token(settings.token());
            }
            if (settings.namespace() != null && !settings.namespace().isBlank()) {
                config.nameSpace(settings.namespace());
            }
            return Vault.create(config.build());
        } catch (VaultException e) {
            throw new IllegalStateException("stagecraft.secrets.vault is not usable: " + e.getMessage(), e);
        }
    }

    /** The innermost cause, by kind and message: a connection failure, never a value. */
    private static String cause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null
                ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
