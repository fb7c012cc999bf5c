package dev.stagecraft.command.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignatureTest {

    /** GitHub's own test values, from "Validating webhook deliveries" (docs.github.com). */
    static final String GITHUB_SECRET = "It's a Secret to Everybody";

    static final byte[] GITHUB_PAYLOAD = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    static final String GITHUB_SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void githubsDocumentedExampleIsSignedAndVerifiedAlike() {
        assertThat(Signature.of(GITHUB_PAYLOAD, GITHUB_SECRET)).isEqualTo(GITHUB_SIGNATURE);
        assertThat(Signature.matches(GITHUB_PAYLOAD, GITHUB_SECRET, GITHUB_SIGNATURE))
                .isTrue();
    }

    @Test
    void anyOtherSecretBodyOrSignatureDoesNotMatch() {
        assertThat(Signature.matches(GITHUB_PAYLOAD, "another secret", GITHUB_SIGNATURE))
                .isFalse();
        assertThat(Signature.matches("Hello, World?".getBytes(StandardCharsets.UTF_8), GITHUB_SECRET, GITHUB_SIGNATURE))
                .isFalse();
        assertThat(Signature.matches(GITHUB_PAYLOAD, GITHUB_SECRET, GITHUB_SIGNATURE.replace("sha256=", "sha1=")))
                .isFalse();
        assertThat(Signature.matches(GITHUB_PAYLOAD, GITHUB_SECRET, GITHUB_SIGNATURE.substring(0, 20)))
                .isFalse();
        assertThat(Signature.matches(GITHUB_PAYLOAD, GITHUB_SECRET, null)).isFalse();
    }
}
