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
        QueryProperties properties = new QueryProperties(null, null);

        assertThat(properties.cors().allowedOrigins()).containsExactly("*");
        assertThat(properties.cors().maxAge()).isEqualTo(Duration.ofMinutes(30));
        assertThat(properties.page().limit(null)).isEqualTo(50);
    }

    @Test
    void aLimitIsCappedAtTheMaximum() {
        QueryProperties.Page page = new QueryProperties.Page(20, 100);

        assertThat(page.limit(5)).isEqualTo(5);
        assertThat(page.limit(1000)).isEqualTo(100);
        assertThat(page.limit(0)).isEqualTo(20);
    }
}
