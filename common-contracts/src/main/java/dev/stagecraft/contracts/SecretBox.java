package dev.stagecraft.contracts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secret values for the bus with AES-256-GCM under a key held only by command-service and
 * deployer-worker. A sealed value reads {@code aes-gcm:v1:<base64(nonce || ciphertext+tag)>}; the
 * environment ({@code app/env}) and key name are bound as associated data, so a value cannot be moved to
 * another environment or key unnoticed.
 */
public final class SecretBox {

    public static final String PREFIX = "aes-gcm:v1:";

    /**
     * The public key both services fall back to when {@code stagecraft.secrets.key} is unset (base64 of
     * {@code stagecraft-development-key-32byt}): for laptops only, announced by a warning at startup.
     */
    public static final String DEVELOPMENT_KEY = "c3RhZ2VjcmFmdC1kZXZlbG9wbWVudC1rZXktMzJieXQ=";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @param base64Key 32 random bytes, base64-encoded (e.g. {@code openssl rand -base64 32}) */
    public SecretBox(String base64Key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret key must be base64 (try: openssl rand -base64 32)", e);
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("the secret key must be 32 bytes (AES-256), got " + bytes.length
                    + "; try: openssl rand -base64 32");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    public static boolean isSealed(String value) {
        return value.startsWith(PREFIX);
    }

    public String seal(String context, String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out =
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed);
            return PREFIX + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** Opens a sealed value; fails if it was sealed under another key or another context. */
    public String open(String context, String sealedValue) {
        if (!isSealed(sealedValue)) {
            throw new IllegalArgumentException("not a sealed secret (expected prefix " + PREFIX + ")");
        }
        byte[] data = Base64.getDecoder().decode(sealedValue.substring(PREFIX.length()));
        byte[] nonce = java.util.Arrays.copyOfRange(data, 0, NONCE_BYTES);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, context);
            byte[] plain = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "cannot open secret for " + context + ": wrong key or tampered value", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
