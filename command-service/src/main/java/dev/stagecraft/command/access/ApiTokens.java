package dev.stagecraft.command.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API tokens: {@code sc_} followed by 32 random bytes in base64url. Only their SHA-256 is stored. A fast hash is
 * right here, unlike for passwords: a token has 256 bits of entropy, so there is nothing to guess from its hash
 * however fast one can hash, while a slow hash (bcrypt) would cost every API call tens of milliseconds.
 */
public final class ApiTokens {

    static final String PREFIX = "sc_";
    private static final SecureRandom random = new SecureRandom();

    private ApiTokens() {}

    /** A new token, to be shown once to whoever asked for it. */
    public static String generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The hex SHA-256 of a token, as stored. */
    public static String hash(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** True if a secret sent as a Basic password is a token rather than a password (as GitHub accepts both). */
    static boolean looksLikeToken(String secret) {
        return secret.startsWith(PREFIX);
    }

    /** Compares two secrets in time that does not depend on where they differ. */
    static boolean sameSecret(String a, String b) {
        return MessageDigest.isEqual(
                hash(a).getBytes(StandardCharsets.US_ASCII), hash(b).getBytes(StandardCharsets.US_ASCII));
    }
}
