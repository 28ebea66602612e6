package io.github.pgfixture;

import io.github.pgfixture.internal.cluster.BuildLocks;
import io.github.pgfixture.internal.config.Settings;
import io.github.pgfixture.internal.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a start against a server removes that earlier runs left, and what it must leave alone. Start-up
 * cleaning looks at the whole server, so this test gives it a server of its own (a second embedded
 * cluster, in the default data folder, standing in for a shared external server) rather than the
 * JVM's {@link SharedCluster#get()}.
 */
class LeftoversTest {

    private static final long PATIENCE_SECONDS = 120;

    @TempDir
    Path work;

    private static EmbeddedServer server;
    private static String adminUrl;
    private final List<SharedCluster> clusters = new ArrayList<>();

    @BeforeAll
    static void startTheServer() {
        server = EmbeddedServer.start(EmbeddedServer.Options.from(Settings.of(Map.of())));
        adminUrl = server.jdbcUrl("postgres");
    }

    @AfterAll
    static void stopTheServer() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeClustersAndDropEverything() {
        clusters.forEach(SharedCluster::close);
        // Every database but the system ones: each test starts from an empty server.
        String names = Sql.one(adminUrl, "SELECT string_agg(datname, ',') FROM pg_database "
                + "WHERE datname NOT IN ('postgres', 'template0', 'template1')");
        if (names != null) {
            for (String name : names.split(",")) {
                Sql.execute(adminUrl, "ALTER DATABASE \"" + name + "\" IS_TEMPLATE false",
                        "DROP DATABASE \"" + name + "\" WITH (FORCE)");
            }
        }
    }

    /** A cluster attached to the test's server, as a JVM starting with pgfixture.url would be. */
    private SharedCluster start(String... settings) {
        Map<String, String> values = new HashMap<>(Map.of(Settings.URL, adminUrl, Settings.READY_CLONES, "0"));
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        SharedCluster cluster = SharedCluster.open(Settings.of(values));
        clusters.add(cluster);
        return cluster;
    }

    private static boolean exists(String database) {
        return Sql.count(adminUrl, "SELECT count(*) FROM pg_database WHERE datname = " + Sql.literal(database)) > 0;
    }

    private static void create(String database) {
        Sql.execute(adminUrl, "CREATE DATABASE \"" + database + "\"");
    }

    private static Template version(String label, String version) {
        return Template.of(label, version, ds -> { });
    }

    @Test
    void start_dropsTheClonesOfAKilledJvm() throws Exception {
        String clone;
        try (ChildJvm child = ChildJvm.start(adminUrl, entry -> false, work.resolve("child.log"), "clone")) {
            clone = child.awaitLine("CLONE ").substring("CLONE ".length());
            assertThat(exists(clone)).isTrue();
            child.kill();
        }
        String run = clone.split("_")[2];
        await().atMost(Duration.ofSeconds(PATIENCE_SECONDS)).until(() -> Sql.count(adminUrl,
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgfixture-lease-" + run + "'") == 0);
        assertThat(exists(clone)).as("a killed JVM drops nothing").isTrue();

        start();

        assertThat(exists(clone)).isFalse();
        assertThat(exists(version("child", "v1").name())).as("its finished template is kept").isTrue();
    }

    @Test
    void start_dropsDatabasesNamedForARunWithoutLease() {
        create("pgfixture_db_0badc0de_1");
        create("pgfixture_db_0badc0de_17");

        start();

        assertThat(exists("pgfixture_db_0badc0de_1")).isFalse();
        assertThat(exists("pgfixture_db_0badc0de_17")).isFalse();
    }

    @Test
    void start_keepsTheClonesOfARunThatIsAlive() {
        SharedCluster alive = start();
        TemporaryDatabase clone = alive.temporaryDatabase(version("alive", "v1"));

        start();

        assertThat(exists(clone.name())).isTrue();
        clone.close();
    }

    @Test
    void start_dropsHalfBuiltTemplatesNobodyIsBuilding() {
        create("pgfixture_tpl_left_0123456789ab");
        create("pgfixture_tpl_left_marked0only");
        Sql.execute(adminUrl, "ALTER DATABASE pgfixture_tpl_left_marked0only IS_TEMPLATE true");

        start();

        assertThat(exists("pgfixture_tpl_left_0123456789ab")).isFalse();
        assertThat(exists("pgfixture_tpl_left_marked0only")).isFalse();
    }

    @Test
    void start_keepsAHalfBuiltTemplateWhoseBuildLockIsHeld() throws Exception {
        create("pgfixture_tpl_busy_0123456789ab");
        try (Connection builder = DriverManager.getConnection(adminUrl)) {
            BuildLocks.lock(builder, "pgfixture_tpl_busy_0123456789ab");

            start();

            assertThat(exists("pgfixture_tpl_busy_0123456789ab")).isTrue();
        }
    }

    @Test
    void start_neverTouchesDatabasesTheLibraryDidNotName() {
        List<String> foreign = List.of("app_test", "pgfixture", "pgfixture_mine", "pgfixture_db_notarun1_1",
                "pgfixture_db_0badc0de", "pgfixture_dbx_0badc0de_1", "pgfixture_tplx_0123456789ab");
        foreign.forEach(LeftoversTest::create);
        Sql.execute(adminUrl, "ALTER DATABASE app_test IS_TEMPLATE true");

        start("pgfixture.keep-templates", "0");

        assertThat(foreign).allMatch(LeftoversTest::exists);
    }

    @Test
    void dropOutdatedTemplates_dropsTheOtherHashesOfItsLabelOnly() {
        SharedCluster cluster = start();
        Template v1 = version("outdated", "v1");
        Template v2 = version("outdated", "v2");
        Template v3 = version("outdated", "v3");
        Template other = version("other", "v1");
        List.of(v1, v2, v3, other).forEach(cluster::ensureTemplate);

        List<String> dropped = cluster.dropOutdatedTemplates(v3);

        assertThat(dropped).containsExactlyInAnyOrder(v1.name(), v2.name());
        assertThat(exists(v1.name())).isFalse();
        assertThat(exists(v2.name())).isFalse();
        assertThat(exists(v3.name())).isTrue();
        assertThat(exists(other.name())).isTrue();
    }

    @Test
    void dropOutdatedTemplates_aDroppedTemplateIsForgotten_ensuringItAgainRebuildsIt() {
        SharedCluster cluster = start();
        Template old = version("forgotten", "v1");
        cluster.ensureTemplate(old);
        assertThat(cluster.dropOutdatedTemplates(version("forgotten", "v2"))).containsExactly(old.name());

        cluster.ensureTemplateExists(old.name(), old.setup());

        assertThat(exists(old.name())).isTrue();
    }

    @Test
    void keepTemplatesOnStart_keepsTheNewestOfEachLabel() {
        SharedCluster builder = start();
        List<Template> kept = List.of(version("kept", "v1"), version("kept", "v2"), version("kept", "v3"));
        List<Template> other = List.of(version("other", "v1"), version("other", "v2"));
        kept.forEach(builder::ensureTemplate);
        other.forEach(builder::ensureTemplate);

        start("pgfixture.keep-templates", "2");

        assertThat(exists(kept.get(0).name())).isFalse();
        assertThat(exists(kept.get(1).name())).isTrue();
        assertThat(exists(kept.get(2).name())).isTrue();
        assertThat(other).allMatch(t -> exists(t.name()));
    }

    @Test
    void dropOutdatedAndKeepTemplatesOnStart_skipATemplateBeingBuilt() throws Exception {
        SharedCluster cluster = start();
        CountDownLatch inSetup = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Template busy = Template.of("busy", "v1", ds -> {
            try (Connection c = ds.getConnection(); var s = c.createStatement()) {
                s.execute("CREATE TABLE t (id int)");
                inSetup.countDown();
                assertThat(release.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
                s.execute("INSERT INTO t VALUES (1)");
            }
        });
        CompletableFuture<String> build = CompletableFuture.supplyAsync(() -> cluster.ensureTemplate(busy));
        try {
            assertThat(inSetup.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();

            assertThat(cluster.dropOutdatedTemplates(version("busy", "v2"))).isEmpty();
            start("pgfixture.keep-templates", "0");

            assertThat(exists(busy.name())).isTrue();
        } finally {
            release.countDown();
        }
        build.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThat(Sql.one(adminUrl, "SELECT datistemplate FROM pg_database WHERE datname = " + Sql.literal(busy.name())))
                .isEqualTo("t");
    }
}
