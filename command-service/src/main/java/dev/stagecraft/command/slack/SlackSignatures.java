package dev.stagecraft.command.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Verifies that a request comes from Slack, as Slack documents it ("Verifying requests from Slack"):
 * {@code X-Slack-Signature} must be {@code v0=} and the hex HMAC-SHA256, keyed with the app's signing
 * secret, of {@code v0:<X-Slack-Request-Timestamp>:<raw body>}, compared in constant time, and the timestamp
 * must lie within the tolerance of now. A signature seen before within that window is refused too: a
 * captured request cannot be replayed to this instance even inside the window (the window bounds what is
 * remembered).
 */
final class SlackSignatures {

    static final String SIGNATURE_HEADER = "X-Slack-Signature";
    static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    private static final String VERSION = "v0";

    private final byte[] secret;
    private final Duration tolerance;
    private final Clock clock;
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    SlackSignatures(String signingSecret, Duration tolerance, Clock clock) {
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** A request that is not provably from Slack; the message says why, in a sentence. */
    static final class Unverified extends RuntimeException {
        Unverified(String message) {
            super(message, null, false, false);
        }
    }

    /** Passes if the request is signed by Slack, recently and for the first time; otherwise throws {@link Unverified}. */
    void verify(@Nullable String timestamp, @Nullable String signature, byte[] body) {
        if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
            throw new Unverified("the request is not signed: Slack sends " + SIGNATURE_HEADER + " and "
                    + TIMESTAMP_HEADER + "; check the slash command's request URL");
        }
        Instant sent = sentAt(timestamp.strip());
        Instant now = clock.instant();
        if (Duration.between(sent, now).abs().compareTo(tolerance) > 0) {
            throw new Unverified("the request's timestamp " + timestamp.strip() + " is more than "
                    + tolerance.toMinutes() + " minutes from now; check this server's clock or send a fresh request");
        }
        byte[] expected = sign(secret, timestamp.strip(), body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
            throw new Unverified("the request's signature does not match; check that"
                    + " stagecraft.slack.signing-secret is the Slack app's signing secret");
        }
        rememberOnce(signature.strip(), sent, now);
    }

    /** {@code v0=} and the hex HMAC-SHA256 of {@code v0:timestamp:body} under {@code secret}. */
    static String sign(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private void rememberOnce(String signature, Instant sent, Instant now) {
        seen.values().removeIf(expiry -> expiry.isBefore(now));
        if (seen.putIfAbsent(signature, sent.plus(tolerance)) != null) {
            throw new Unverified("this request was received before; Slack sends each slash command once,"
                    + " so run the command again");
        }
    }

    private static Instant sentAt(String timestamp) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(timestamp));
        } catch (NumberFormatException | DateTimeException e) {
            throw new Unverified("the request's " + TIMESTAMP_HEADER + " '" + timestamp
                    + "' is not a Unix time in seconds; check the slash command's request URL");
        }
    }
}
