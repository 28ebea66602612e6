package io.github.pgfixture.internal.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcUrlsTest {

    @Test
    void mask_hidesEveryPasswordParameter() {
        assertThat(JdbcUrls.mask("jdbc:postgresql://h:5432/db?user=u&password=s3cret&ssl=true&PASSWORD=again"))
                .isEqualTo("jdbc:postgresql://h:5432/db?user=u&password=***&ssl=true&PASSWORD=***");
    }

    @Test
    void mask_hidesThePasswordOfUserInfo() {
        assertThat(JdbcUrls.mask("postgres://u:s3cret@h:5432/db")).isEqualTo("postgres://u:***@h:5432/db");
        assertThat(JdbcUrls.mask("jdbc:postgresql://u:s3cret@h/db?password=x")).isEqualTo("jdbc:postgresql://u:***@h/db?password=***");
    }

    @Test
    void mask_leavesAUrlWithoutPasswordAlone() {
        assertThat(JdbcUrls.mask("jdbc:postgresql://h:5432/db?user=u")).isEqualTo("jdbc:postgresql://h:5432/db?user=u");
        assertThat(JdbcUrls.mask("jdbc:postgresql://u@h:5432/db")).isEqualTo("jdbc:postgresql://u@h:5432/db");
        assertThat(JdbcUrls.mask(null)).isNull();
    }

    @Test
    void of_encodesTheDatabaseNameAndAppendsTheQuery() {
        assertThat(JdbcUrls.of("127.0.0.1:5432", "a b/ä", "user=postgres"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/a%20b%2F%C3%A4?user=postgres");
        assertThat(JdbcUrls.of("127.0.0.1:5432", "db", "")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/db");
    }
}
