package dev.stagecraft.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void sealedValueOpensUnderTheSameKeyAndContextOnly() {
        SecretBox box = new SecretBox(KEY);
        String sealed = box.seal("shop/qa/DB_PASSWORD", "hunter2");

        assertThat(sealed).startsWith(SecretBox.PREFIX).doesNotContain("hunter2");
        assertThat(box.open("shop/qa/DB_PASSWORD", sealed)).isEqualTo("hunter2");
        assertThatThrownBy(() -> box.open("shop/prod/DB_PASSWORD", sealed)).hasMessageContaining("shop/prod");
        assertThatThrownBy(() -> new SecretBox(OTHER_KEY).open("shop/qa/DB_PASSWORD", sealed))
                .hasMessageContaining("wrong key");
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        SecretBox box = new SecretBox(KEY);
        assertThat(box.seal("c", "v")).isNotEqualTo(box.seal("c", "v"));
    }

    @Test
    void keyOfWrongLengthIsRefusedWithAHint() {
        assertThatThrownBy(() -> new SecretBox(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes")
                .hasMessageContaining("openssl rand -base64 32");
    }
}
