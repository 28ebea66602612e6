package io.github.pgfixture;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

/**
 * Main class of the child JVMs the template tests start, attached to the test's server through
 * {@code pgfixture.url}. Prints {@code READY} once its cluster is open, then per mode:
 * <ul>
 *   <li>{@code race <template> <logDatabase>}: waits for a line on standard input, then ensures
 *       {@code template}; its setup logs this JVM's pid into {@code build_log} of {@code logDatabase}
 *       and dawdles, so that a racing JVM arrives while it builds. Prints {@code DONE}.</li>
 *   <li>{@code clone}: makes a clone of a small code template, prints {@code CLONE <name>}, and waits
 *       until standard input closes (the test kills it).</li>
 *   <li>{@code optional}: uses an SQL-folder and a code template, then asks for Flyway and Liquibase
 *       templates; prints {@code OK <tables>} and one {@code MISSING <message>} per refusal.</li>
 * </ul>
 */
public final class TemplateChild {

    private TemplateChild() {
    }

    public static void main(String[] args) throws Exception {
        SharedCluster cluster = SharedCluster.get();
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        switch (args[0]) {
            case "race" -> {
                in.readLine();
                String logUrl = cluster.jdbcUrl(args[2]);
                cluster.ensureTemplateExists(args[1], ds -> {
                    Sql.execute(logUrl, "INSERT INTO build_log VALUES (" + ProcessHandle.current().pid() + ")");
                    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                        s.execute("CREATE TABLE raced (pid bigint)");
                        s.execute("INSERT INTO raced VALUES (" + ProcessHandle.current().pid() + ")");
                        s.execute("SELECT pg_sleep(1)");
                    }
                });
                System.out.println("DONE");
            }
            case "clone" -> {
                Template template = Template.of("child", "v1", ds -> { });
                TemporaryDatabase clone = cluster.temporaryDatabase(template);
                System.out.println("CLONE " + clone.name());
                System.out.flush();
                while (in.read() >= 0) {
                    // until killed, or the test closes our standard input
                }
            }
            case "optional" -> optional(cluster);
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.flush();
    }

    private static void optional(SharedCluster cluster) {
        Template sql = Template.sqlFiles("classpath:templates/bench50");
        Template code = Template.of("child_code", "v1", ds -> {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE from_code (id int)");
            }
        });
        try (TemporaryDatabase a = cluster.temporaryDatabase(sql); TemporaryDatabase b = cluster.temporaryDatabase(code)) {
            System.out.println("OK " + Sql.one(a.url(), "SELECT to_regclass('t49')") + " "
                    + Sql.one(b.url(), "SELECT to_regclass('from_code')"));
        } finally {
            for (String template : List.of(sql.name(), code.name())) {
                cluster.forceDropDatabase(template);
            }
        }
        for (Runnable ask : List.<Runnable>of(() -> Template.flyway("classpath:templates/bench50"),
                () -> Template.liquibase("templates/pagila/changelog.xml"))) {
            try {
                ask.run();
                System.out.println("PRESENT");
            } catch (PgFixtureException e) {
                System.out.println("MISSING " + e.getMessage());
            }
        }
    }
}
