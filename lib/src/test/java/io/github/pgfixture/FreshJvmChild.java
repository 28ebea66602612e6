package io.github.pgfixture;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;

/**
 * Main class of the child JVM that {@link FreshJvm} starts once per test run, for what needs a JVM in
 * which nothing has booted yet. 16 threads call {@link SharedCluster#get()} at the same moment
 * ({@code INSTANCES <distinct instances they got>}); then a clone, a closed database with a straggling
 * session (the WARN path) and a failing DDL ({@code FAILURE <its message>}); last
 * {@code PASSWORD <the password of the cluster's URL>}. It exits, and the cluster stops with it.
 */
public final class FreshJvmChild {

    static final int THREADS = 16;

    private FreshJvmChild() {
    }

    public static void main(String[] args) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        Set<SharedCluster> instances = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    instances.add(SharedCluster.get());
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.println("INSTANCES " + instances.size());

        SharedCluster cluster = SharedCluster.get();
        cluster.createDatabase("fresh_template");
        try (TemporaryDatabase clone = cluster.temporaryDatabaseFromTemplate("fresh_clone", "fresh_template")) {
            clone.dataSource().getConnection().close();
        }
        TemporaryDatabase straggled = cluster.temporaryDatabase("fresh_straggled");
        try (Connection straggler = Sql.connect(cluster, "fresh_straggled", "fresh-straggler")) {
            straggled.close();
        }
        try {
            cluster.createDatabase("fresh_template");
        } catch (PgFixtureException e) {
            System.out.println("FAILURE " + e.getMessage());
        }
        String url = cluster.jdbcUrl("fresh_template");
        System.out.println("PASSWORD " + url.replaceAll(".*[?&]password=([^&]+).*", "$1"));
    }
}
