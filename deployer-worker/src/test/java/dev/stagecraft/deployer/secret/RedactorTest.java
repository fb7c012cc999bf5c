package dev.stagecraft.deployer.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.contracts.SecretBox;
import dev.stagecraft.deployer.driver.Target;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void hidesEveryOccurrenceOfEveryValueTheLongestFirst() {
        Redactor redactor = Redactor.of(List.of("s3cret", "s3cret-and-more", ""));

        assertThat(redactor.redact("password s3cret, again s3cret; token s3cret-and-more"))
                .isEqualTo("password ******, again ******; token ******");
        assertThat(redactor.redact("nothing to hide")).isEqualTo("nothing to hide");
        assertThat(Redactor.none().redact("s3cret")).isEqualTo("s3cret");
    }

    @Test
    void combinesTheValuesOfTwoRedactors() {
        Redactor both = Redactor.of(List.of("old-pass")).and(Redactor.of(List.of("new-pass")));

        assertThat(both.redact("old-pass then new-pass")).isEqualTo("****** then ******");
    }

    @Test
    void secretsHidesTheValuesItCanOpenAndSkipsTheOthersWithoutAskingVault() {
        Target target = new Target("shop", "qa");
        SecretBox box = new SecretBox(DevelopmentKey.DEVELOPMENT_KEY);
        Secrets secrets = new Secrets(new SecretsProperties(null));
        Map<String, String> sealed =
                Map.of("DB_PASSWORD", box.seal("shop/qa/DB_PASSWORD", "s3cret"), "VAULT", "vault:secret/shop#token");

        assertThat(secrets.redactor(target, sealed).redact("s3cret vault:secret/shop#token"))
                .isEqualTo("****** vault:secret/shop#token");
    }
}
