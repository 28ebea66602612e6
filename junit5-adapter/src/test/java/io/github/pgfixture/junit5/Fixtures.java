package io.github.pgfixture.junit5;

import io.github.pgfixture.SharedCluster;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs fixture classes (static nested classes of the tests, which Surefire leaves alone) inside a
 * test with {@link EngineTestKit}, and lets them record what they saw for the test to check.
 */
final class Fixtures {

    private static final Map<String, Queue<Object>> RECORDED = new ConcurrentHashMap<>();

    private Fixtures() {
    }

    /** Runs {@code fixture} on the Jupiter engine with the given configuration parameters (key, value, ...). */
    static EngineExecutionResults run(Class<?> fixture, String... configuration) {
        clear();
        var request = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture));
        for (int i = 0; i < configuration.length; i += 2) {
            request.configurationParameter(configuration[i], configuration[i + 1]);
        }
        return request.execute();
    }

    /** Forgets what fixtures recorded before. */
    static void clear() {
        RECORDED.clear();
    }

    /** Called by fixtures. */
    static void record(String label, Object value) {
        RECORDED.computeIfAbsent(label, k -> new ConcurrentLinkedQueue<>()).add(value);
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> recorded(String label) {
        return new ArrayList<>((Collection<T>) RECORDED.getOrDefault(label, new ConcurrentLinkedQueue<>()));
    }

    static List<String> recordedNames(String label) {
        return recorded(label);
    }

    static String currentDatabase(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return currentDatabase(connection);
        }
    }

    static String currentDatabase(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static String currentDatabase(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            return currentDatabase(connection);
        }
    }

    /** The user tables in schema public. */
    static Set<String> tables(DataSource dataSource) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /** Every database on the cluster, read from pg_database. */
    static Set<String> databases() {
        try (Connection connection = DriverManager.getConnection(SharedCluster.get().jdbcUrl("postgres"));
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT datname FROM pg_database")) {
            Set<String> names = new TreeSet<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until none of {@code names} is in pg_database (clones made from templates are dropped in the background). */
    static void awaitDropped(Collection<String> names) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(databases()).doesNotContainAnyElementsOf(names));
    }
}
