package dev.stagecraft.command.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * GitHub's {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of the raw body under the web
 * hook's secret. Compared in constant time, so the time an answer takes says nothing about how much of a forged
 * signature was right.
 */
final class Signature {

    static final String PREFIX = "sha256=";

    private Signature() {}

    /** The header GitHub sends for {@code body}. */
    static String of(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** True if {@code header} is the signature of {@code body} under {@code secret}. */
    static boolean matches(byte[] body, String secret, @Nullable String header) {
        if (header == null) {
            return false;
        }
        byte[] expected = of(body, secret).getBytes(StandardCharsets.US_ASCII);
        byte[] given = header.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}
