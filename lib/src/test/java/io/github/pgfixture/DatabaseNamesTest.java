package io.github.pgfixture;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Names are checked before any SQL is sent, and every name reaches SQL quoted: a hostile name
 * makes exactly the database it spells and touches no other.
 */
class DatabaseNamesTest {

    private final SharedCluster cluster = SharedCluster.get();

    /** 62 ASCII bytes and a two-byte é: 63 characters, 64 bytes. */
    private static final String MULTIBYTE_64 = "a".repeat(62) + "é";

    @Test
    void multibyteName_crossing63Bytes_isOver63BytesThoughOnly63Characters() {
        assertThat(MULTIBYTE_64).hasSize(63);
        assertThat(MULTIBYTE_64.getBytes(StandardCharsets.UTF_8)).hasSize(64);
    }

    @Test
    void emptyName_isRejectedByEveryOperation_namingTheRemedy() {
        assertRejectedEverywhere("", "is empty", "Pass a non-empty name of at most 63 bytes");
    }

    @Test
    void name64AsciiBytes_isRejectedByEveryOperation_namingTheNameAndTheRemedy() {
        String name = "n".repeat(64);
        assertRejectedEverywhere(name, "\"" + name + "\" is 64 bytes long", "Use a shorter name");
    }

    @Test
    void name64BytesWithMultibyteCharacter_isRejectedByEveryOperation() {
        assertRejectedEverywhere(MULTIBYTE_64, "\"" + MULTIBYTE_64 + "\" is 64 bytes long", "Use a shorter name");
    }

    @Test
    void nameWithNul_isRejectedByEveryOperation_namingTheNameAndTheRemedy() {
        assertRejectedEverywhere("nul\0name", "\"nul\\0name\" contains a NUL character", "Remove it");
    }

    @Test
    void dropOf64ByteName_neverReachesTheDatabaseItsFirst63BytesName() {
        String kept = "k".repeat(63);
        cluster.createDatabase(kept);
        try {
            // Sent as SQL, PostgreSQL would truncate the name to the existing database's and drop that.
            assertThatThrownBy(() -> cluster.dropDatabase(kept + "k")).isInstanceOf(PgFixtureException.class);
            assertThatThrownBy(() -> cluster.forceDropDatabase(kept + "k")).isInstanceOf(PgFixtureException.class);
            assertThat(cluster.databaseExists(kept)).isTrue();
        } finally {
            cluster.dropDatabase(kept);
        }
    }

    @Test
    void name63Bytes_isAcceptedWhole() {
        String name = "b".repeat(61) + "é";
        assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSize(63);
        try (TemporaryDatabase db = cluster.temporaryDatabase(name)) {
            assertThat(Sql.queryOne(cluster, db.name(), "SELECT current_database()")).isEqualTo(name);
        }
        assertThat(cluster.databaseExists(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"with\"quote", "with space", "semi;colon", "UPPER_Case", "unicodé_数据库",
            "\"; DROP DATABASE names_victim; --", "x\"; DROP DATABASE names_victim; --", "names_victim\" --"})
    void hostileName_createsExactlyThatDatabase_andTouchesNoOther(String name) {
        cluster.createDatabase("names_victim");
        try {
            Set<String> before = Sql.databases(cluster);

            cluster.createDatabase(name);
            assertThat(Sql.databases(cluster)).isEqualTo(with(before, name));
            assertThat(cluster.databaseExists(name)).isTrue();
            assertThat(Sql.queryOne(cluster, name, "SELECT current_database()")).isEqualTo(name);

            cluster.dropDatabase(name);
            assertThat(Sql.databases(cluster)).isEqualTo(before);
        } finally {
            cluster.dropDatabase("names_victim");
        }
    }

    @Test
    void hostileTemplateAndCloneNames_cloneExactlyThatTemplate_andTouchNoOther() {
        String template = "tpl\"; DROP DATABASE postgres; --";
        String clone = "clone'); DROP DATABASE \"" + template + "\"; --";
        cluster.createDatabase(template);
        Sql.execute(cluster, template, "CREATE TABLE marker AS SELECT 42 AS answer");
        try {
            Set<String> before = Sql.databases(cluster);
            try (TemporaryDatabase db = cluster.temporaryDatabaseFromTemplate(clone, template)) {
                assertThat(Sql.databases(cluster)).isEqualTo(with(before, clone));
                assertThat(Sql.queryOne(cluster, db.name(), "SELECT answer FROM marker")).isEqualTo("42");
            }
            cluster.forceDropDatabase(template);
            before.remove(template);
            assertThat(Sql.databases(cluster)).isEqualTo(before);
        } finally {
            if (cluster.databaseExists(template)) {
                cluster.forceDropDatabase(template);
            }
        }
    }

    private void assertRejectedEverywhere(String name, String what, String remedy) {
        Set<String> before = Sql.databases(cluster);
        List<ThrowingCallable> calls = List.of(
                () -> cluster.createDatabase(name),
                () -> cluster.createDatabaseFromTemplate(name, "template1"),
                () -> cluster.createDatabaseFromTemplate("names_never_made", name),
                () -> cluster.dropDatabase(name),
                () -> cluster.forceDropDatabase(name),
                () -> cluster.databaseExists(name),
                () -> cluster.jdbcUrl(name),
                () -> cluster.temporaryDatabase(name),
                () -> cluster.temporaryDatabaseFromTemplate(name, "template1"));
        for (ThrowingCallable call : calls) {
            assertThatThrownBy(call)
                    .isInstanceOf(PgFixtureException.class)
                    .hasMessageContaining(what)
                    .hasMessageContaining(remedy)
                    .as("rejected before any SQL: no driver error underneath").hasNoCause();
        }
        assertThat(Sql.databases(cluster)).isEqualTo(before);
    }

    private static Set<String> with(Set<String> names, String extra) {
        Set<String> result = new TreeSet<>(names);
        result.add(extra);
        return result;
    }
}
