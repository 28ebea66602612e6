package io.github.pgfixture.examples.springarena;

import io.github.pgfixture.spring.AutoConfigureTempDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the annotation does to the application's context: its DataSource is a clone of the template
 * that Boot's Flyway configuration names (spring.flyway.locations=classpath:db/arena), never the
 * server of spring.datasource.url.
 */
@SpringBootTest
@AutoConfigureTempDatabase // a clone for the class; Isolation.METHOD for one per test
class ContextTest {

    @Autowired
    DataSource dataSource; // hands out connections to the clone of the test that runs

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Flyway flyway; // Boot's Flyway bean is there; its migration ran once, on the template

    @Test
    void theDataSourceIsAClone() {
        String database = jdbc.queryForObject("SELECT current_database()", String.class);
        assertThat(database).startsWith("pgfixture_");
    }

    @Test
    void theCloneCarriesTheTemplatesFlywayHistory() {
        assertThat(flyway.info().applied()).extracting(info -> info.getVersion().getVersion())
                .containsExactly("1", "2", "3");
    }

    @Test
    void theSchemaIsTheArenas() {
        assertThat(jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                + "AND table_name <> 'flyway_schema_history' ORDER BY 1", String.class))
                .containsExactly("agent_ratings", "agents", "game_players", "game_turns", "games", "kinds", "llm_calls",
                        "models", "prompts");
    }
}
