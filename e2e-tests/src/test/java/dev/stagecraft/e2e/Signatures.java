package dev.stagecraft.e2e;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs requests as GitHub (X-Hub-Signature-256) and Slack (X-Slack-Signature v0) do. */
final class Signatures {

    private Signatures() {}

    /** {@code sha256=} and the hex HMAC-SHA256 of the raw body, as GitHub signs a web hook delivery. */
    static String github(String secret, String body) {
        return "sha256=" + hmac(secret, body);
    }

    /** {@code v0=} and the hex HMAC-SHA256 of {@code v0:timestamp:body}, as Slack signs a request. */
    static String slack(String secret, long timestamp, String body) {
        return "v0=" + hmac(secret, "v0:" + timestamp + ":" + body);
    }

    private static String hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
