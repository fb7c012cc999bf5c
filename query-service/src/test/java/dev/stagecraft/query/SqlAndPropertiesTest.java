package dev.stagecraft.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SqlAndPropertiesTest {

    @Test
    void searchTextIsTakenLiterally() {
        assertThat(Sql.containsPattern("pr_14%")).isEqualTo("%pr\\_14\\%%");
        assertThat(Sql.containsPattern("a\\b")).isEqualTo("%a\\\\b%");
    }

    @Test
    void defaultsWorkWithoutConfiguration() {
        QueryProperties properties = new QueryProperties(null, null, null);

        assertThat(properties.cors().allowedOrigins()).containsExactly("*");
        assertThat(properties.cors().maxAge()).isEqualTo(Duration.ofMinutes(30));
        assertThat(properties.page().limit(null)).isEqualTo(50);
        assertThat(properties.stepOutput().maxLines()).isEqualTo(500);
        assertThat(properties.stepOutput().maxLineLength()).isEqualTo(4000);
    }

    @Test
    void aLongOutputLineIsCutAndSaysSo() {
        QueryProperties.StepOutput output = new QueryProperties.StepOutput(10, 5);

        assertThat(output.cut("12345")).isEqualTo("12345");
        assertThat(output.cut("123456789")).isEqualTo("12345…");
        assertThat(output.cut("1234\uD83D\uDE80"))
                .as("a character outside the BMP is not split in half")
                .isEqualTo("1234…");
    }

    @Test
    void aLimitIsCappedAtTheMaximum() {
        QueryProperties.Page page = new QueryProperties.Page(20, 100);

        assertThat(page.limit(5)).isEqualTo(5);
        assertThat(page.limit(1000)).isEqualTo(100);
        assertThat(page.limit(0)).isEqualTo(20);
    }
}
