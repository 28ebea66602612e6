package io.github.pgfixture;

import java.sql.Connection;
import java.sql.Statement;

/** Templates the tests and the opt-in probes clone, each under a new version so no run reuses one. */
final class TestTemplates {

    private TestTemplates() {
    }

    /** A template labelled {@code label} with one empty table, {@code marker (id int)}. */
    static Template marker(String label, String version) {
        return Template.of(label, version, ds -> {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE marker (id int)");
            }
        });
    }

    /** A new template labelled {@code label} of 50 tables with an index each, as the probes clone. */
    static Template fiftyTables(String label) {
        return Template.of(label, "v" + System.nanoTime(), ds -> {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                for (int i = 0; i < 50; i++) {
                    s.execute("CREATE TABLE t" + i + " (id bigint primary key, a text, b int)");
                    s.execute("CREATE INDEX ON t" + i + " (b)");
                }
            }
        });
    }
}
