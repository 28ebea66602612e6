package io.github.pgfixture.examples.springarena;

import io.github.pgfixture.spring.AutoConfigureTempDatabase;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.data.jdbc.DataJdbcTest;
import org.springframework.test.annotation.Commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Isolation.CLASS (the default): the class's tests share one clone, so what one commits the next
 * sees; the next class starts from the template again.
 */
@DataJdbcTest
@AutoConfigureTempDatabase
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KindRepositoryTest {

    @Autowired
    KindRepository kinds;

    @Test
    @Order(1)
    @Commit // the slice rolls each test back by default; the next test builds on this one
    void first_startsFromTheTemplate() {
        assertThat(kinds.count()).isZero();
        kinds.save(Kind.of("werewolf", "six players"));
    }

    @Test
    @Order(2)
    void second_seesTheFirstsKind() {
        assertThat(kinds.findByName("werewolf")).isPresent();
    }

    @Test
    @Order(3)
    void duplicateName_isRefused() {
        assertThatThrownBy(() -> kinds.save(Kind.of("werewolf", "again")))
                .rootCause().hasMessageContaining("kinds_name_key");
    }

    @ParameterizedTest
    @Order(4)
    @ValueSource(strings = {"", "Werewolf", "_x", "a b", "dot.ted"})
    void badName_isRefused(String name) {
        assertThatThrownBy(() -> kinds.save(Kind.of(name, "")))
                .rootCause().hasMessageContaining("kinds_name_format");
    }
}
