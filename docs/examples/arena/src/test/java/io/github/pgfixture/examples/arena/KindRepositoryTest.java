package io.github.pgfixture.examples.arena;

import io.github.pgfixture.junit5.TempDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;

import static io.github.pgfixture.examples.arena.SqlStates.assertSqlState;
import static org.assertj.core.api.Assertions.assertThat;

/** Kinds: create, get by id and name, list active, set active. */
@TempDatabase(flyway = "db/arena")
class KindRepositoryTest {

    private CatalogRepository catalog;

    @BeforeEach
    void setUp(@TempDatabase DataSource database) {
        catalog = new Arena(database).catalog();
    }

    @Test
    void createKind_returnsAnActiveKind() {
        Kind kind = catalog.createKind("werewolf", "six players");
        assertThat(kind).isEqualTo(new Kind(kind.id(), "werewolf", "six players", true));
    }

    @Test
    void createKind_nameTaken_isAUniqueViolation() {
        catalog.createKind("werewolf", "");
        assertSqlState(SqlStates.UNIQUE, () -> catalog.createKind("werewolf", "again"));
    }

    @Test
    void createKind_nameWithSpace_isACheckViolation() {
        assertSqlState(SqlStates.CHECK, () -> catalog.createKind("were wolf", ""));
    }

    @Test
    void createKind_nullName_isANotNullViolation() {
        assertSqlState(SqlStates.NOT_NULL, () -> catalog.createKind(null, ""));
    }

    @Test
    void kind_byId_returnsIt_unknownIsEmpty() {
        Kind kind = catalog.createKind("poker", "");
        assertThat(catalog.kind(kind.id())).contains(kind);
        assertThat(catalog.kind(kind.id() + 1)).isEmpty();
    }

    @Test
    void kindByName_returnsIt_unknownIsEmpty() {
        Kind kind = catalog.createKind("poker", "");
        assertThat(catalog.kindByName("poker")).contains(kind);
        assertThat(catalog.kindByName("chess")).isEmpty();
    }

    @Test
    void activeKinds_sortedByName_withoutInactive() {
        catalog.createKind("werewolf", "");
        Kind poker = catalog.createKind("poker", "");
        catalog.createKind("avalon", "");
        catalog.setKindActive(poker.id(), false);
        assertThat(catalog.activeKinds()).extracting(Kind::name).containsExactly("avalon", "werewolf");
    }

    @Test
    void setKindActive_roundTrip() {
        Kind kind = catalog.createKind("poker", "");
        assertThat(catalog.setKindActive(kind.id(), false)).isTrue();
        assertThat(catalog.kind(kind.id())).hasValueSatisfying(k -> assertThat(k.active()).isFalse());
        assertThat(catalog.setKindActive(kind.id(), true)).isTrue();
        assertThat(catalog.activeKinds()).containsExactly(kind);
    }

    @Test
    void setKindActive_unknownId_returnsFalse() {
        assertThat(catalog.setKindActive(7, true)).isFalse();
    }
}
