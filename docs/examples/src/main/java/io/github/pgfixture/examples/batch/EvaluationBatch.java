package io.github.pgfixture.examples.batch;

import io.github.pgfixture.BatchSession;
import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.Template;
import io.github.pgfixture.TemporaryDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * An evaluation run outside tests: each case gets its own clone of a seeded schema; when the batch
 * ends, every clone and the template are gone, even when a case fails.
 * Run it with {@code java -cp ... io.github.pgfixture.examples.batch.EvaluationBatch}.
 */
public final class EvaluationBatch {

    // guide: batch-session
    public static final Template INVENTORY = Template.of("inventory", "v1", dataSource -> {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE stock (item text PRIMARY KEY, quantity int NOT NULL CHECK (quantity >= 0))");
            s.execute("INSERT INTO stock VALUES ('apples', 10), ('pears', 3)");
        }
    });

    /** Runs every case on its own clone; returns one line per case, failures included. */
    public static List<String> run(List<Integer> orders) {
        List<String> results = new ArrayList<>();
        try (BatchSession batch = SharedCluster.get().openBatchSession()) {
            for (int quantity : orders) {
                try (TemporaryDatabase db = batch.clone(INVENTORY)) {
                    results.add("order of " + quantity + " pears: " + placeOrder(db, quantity));
                } catch (SQLException e) {
                    results.add("order of " + quantity + " pears: refused (" + e.getSQLState() + ")");
                }
            }
        } // every clone and the template are dropped here, even if a case threw
        return results;
    }
    // guide: end

    private static String placeOrder(TemporaryDatabase db, int quantity) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement update = c.prepareStatement("UPDATE stock SET quantity = quantity - ? WHERE item = 'pears'")) {
            update.setInt(1, quantity);
            update.executeUpdate();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT quantity FROM stock WHERE item = 'pears'")) {
                rs.next();
                return rs.getInt(1) + " left";
            }
        }
    }

    public static void main(String[] args) {
        run(List.of(1, 3, 5)).forEach(System.out::println);
    }

    private EvaluationBatch() {
    }
}
