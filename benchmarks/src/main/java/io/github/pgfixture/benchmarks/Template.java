package io.github.pgfixture.benchmarks;

import io.github.pgfixture.SharedCluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Builds the benchmark template by hand (not with ensureTemplateExists, on purpose: the same for every scenario). */
final class Template {

    private Template() {
    }

    /** Creates {@code name}, runs {@code sql} in it through one JDBC connection, and closes that connection. */
    static String load(SharedCluster cluster, String name, Path sql) throws IOException, SQLException {
        if (cluster.databaseExists(name)) {
            cluster.forceDropDatabase(name);
        }
        cluster.createDatabase(name);
        String script = Files.readString(sql);
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(name)); Statement s = c.createStatement()) {
            s.execute(script);
            return Sql.scalar(c, "SELECT format('%s tables, %s indexes (primary keys included), %s sequences, %s', "
                    + "count(*) FILTER (WHERE relkind = 'r'), count(*) FILTER (WHERE relkind = 'i'), "
                    + "count(*) FILTER (WHERE relkind = 'S'), "
                    + "pg_size_pretty(pg_database_size(current_database()))) "
                    + "FROM pg_class WHERE relnamespace = 'public'::regnamespace");
        }
    }
}
