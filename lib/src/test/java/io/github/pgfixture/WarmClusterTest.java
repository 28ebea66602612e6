package io.github.pgfixture;

import io.github.pgfixture.internal.server.Processes;
import io.github.pgfixture.internal.server.WarmServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13: JVMs of one user with the same settings share one warm server, which stops and removes
 * its folders by itself after the keep-alive, also when every JVM was killed with SIGKILL. Real child
 * JVMs ({@link WarmChild}), each test with a warm-dir of its own and keep-alives of seconds.
 */
class WarmClusterTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path work;

    private final List<Process> children = new ArrayList<>();

    private Path warmDir() {
        return work.resolve("warm");
    }

    @AfterEach
    void killChildrenAndStopTheirServer() throws Exception {
        for (Process child : children) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        WarmServers.stopAll(warmDir());
    }

    /** Output and log of one finished (or killed) child. */
    private record Run(String out, String err) {
        List<String> values(String key) {
            return Arrays.stream(out.split("\n")).filter(l -> l.startsWith(key + " "))
                    .map(l -> l.substring(key.length() + 1)).toList();
        }

        String value(String key) {
            List<String> all = values(key);
            assertThat(all).as("%s line; output:\n%s\nlog:\n%s", key, out, err).hasSize(1);
            return all.get(0);
        }

        long count(String logFragment) {
            return err.lines().filter(l -> l.contains(logFragment)).count();
        }
    }

    private Process start(String name, String keepAlive, List<String> extra, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dpgfixture.warm-dir=" + warmDir(), "-Dpgfixture.keep-alive=" + keepAlive));
        command.addAll(extra);
        command.add(WarmChild.class.getName());
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectOutput(work.resolve(name + ".out").toFile())
                .redirectError(work.resolve(name + ".err").toFile()).start();
        children.add(child);
        return child;
    }

    private Run finished(String name, Process child) throws Exception {
        assertThat(child.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("child %s ended", name).isTrue();
        Run run = read(name);
        assertThat(child.exitValue()).as("exit code of %s; output:\n%s\nlog:\n%s", name, run.out, run.err).isZero();
        return run;
    }

    private Run read(String name) throws IOException {
        return new Run(Files.readString(work.resolve(name + ".out"), StandardCharsets.UTF_8),
                Files.readString(work.resolve(name + ".err"), StandardCharsets.UTF_8));
    }

    private Run awaitDone(String name) {
        return await().atMost(PATIENCE).until(() -> read(name), run -> run.out.contains("DONE\n"));
    }

    private void awaitGone(long postmaster, Path cluster) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(Processes.isRunning(postmaster)).as("postmaster %s", postmaster).isFalse();
            assertThat(Processes.runningWith(cluster.toString())).isEmpty();
            assertThat(cluster).doesNotExist();
            assertThat(serverFolders()).isEmpty();
            assertThat(Processes.runningWith(warmDir().toString())).as("keeper").isEmpty();
        });
    }

    private List<Path> serverFolders() throws IOException {
        if (!Files.isDirectory(warmDir())) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(warmDir())) {
            return list.toList();
        }
    }

    private static String runIdOf(String clone) {
        return clone.split("_")[2];
    }

    @Test
    void fourForks_bootOneServer_buildTheTemplateOnce_andShareNoClone() throws Exception {
        List<Process> forks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            forks.add(start("fork" + i, "5s", List.of("-Dpgfixture.ready-clones=2"), "v1", "3", "exit"));
        }
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(finished("fork" + i, forks.get(i)));
        }

        assertThat(runs.stream().mapToLong(r -> r.count("Booted PostgreSQL")).sum()).as("boots").isEqualTo(1);
        assertThat(runs.stream().mapToLong(r -> r.count("Reusing the warm PostgreSQL")).sum()).as("attaches").isEqualTo(3);
        assertThat(runs.stream().mapToLong(r -> r.values("BUILT").size()).sum()).as("template builds").isEqualTo(1);
        assertThat(runs.stream().map(r -> r.value("PID")).distinct()).as("one postmaster").hasSize(1);
        // The ready-clone pool of each JVM names its clones with its own run id: no clone is handed to two.
        List<String> clones = runs.stream().flatMap(r -> r.values("CLONE").stream()).toList();
        assertThat(clones).hasSize(12).doesNotHaveDuplicates();
        Set<String> runIds = new HashSet<>();
        for (Run run : runs) {
            Set<String> own = run.values("CLONE").stream().map(WarmClusterTest::runIdOf).collect(Collectors.toSet());
            assertThat(own).hasSize(1);
            runIds.addAll(own);
        }
        assertThat(runIds).hasSize(4);

        awaitGone(Long.parseLong(runs.get(0).value("PID")), Path.of(runs.get(0).value("CLUSTER")));
    }

    @Test
    void everyJvmKilled_serverStopsByItselfAfterTheKeepAlive_andTheNextStartDropsTheirDatabases() throws Exception {
        Process first = start("first", "3s", List.of("-Dpgfixture.ready-clones=0"), "v1", "1", "wait");
        Run firstRun = awaitDone("first");
        Process second = start("second", "3s", List.of("-Dpgfixture.ready-clones=0"), "v1", "1", "wait");
        Run secondRun = awaitDone("second");
        assertThat(secondRun.count("Reusing the warm PostgreSQL")).isEqualTo(1);
        long postmaster = Long.parseLong(firstRun.value("PID"));
        Path cluster = Path.of(firstRun.value("CLUSTER"));
        Path folder = serverFolders().get(0);
        String password = Files.readString(folder.resolve("password"));
        assertThat(List.of(firstRun.out, firstRun.err, secondRun.out, secondRun.err, Files.readString(folder.resolve("keeper.log")),
                Files.readString(folder.resolve("server.properties")))).as("what the JVMs and the keeper printed and logged")
                .noneMatch(text -> text.contains(password));

        second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        // A JVM that comes while the first still runs drops the killed one's clone (its lease is gone).
        Run third = finished("third", start("third", "3s", List.of("-Dpgfixture.ready-clones=0"), "v1", "1", "exit"));
        assertThat(third.count("Dropped 1 database(s) left by run " + runIdOf(secondRun.value("CLONE")))).isEqualTo(1);
        assertThat(third.value("PID")).isEqualTo(Long.toString(postmaster));

        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(Processes.isRunning(postmaster)).as("the server outlives its JVMs for the keep-alive").isTrue();
        awaitGone(postmaster, cluster);
    }

    @Test
    void nextRuns_reuseServerAndTemplate_changedMigrationBuildsAnother_olderBeyondTheKeptOnesGo() throws Exception {
        List<String> keepTwo = List.of("-Dpgfixture.keep-templates=2", "-Dpgfixture.ready-clones=0");
        Run v1 = finished("v1", start("v1", "20s", keepTwo, "v1", "1", "exit"));
        Run again = finished("again", start("again", "20s", keepTwo, "v1", "1", "exit"));
        assertThat(v1.values("BUILT")).hasSize(1);
        assertThat(again.count("Reusing the warm PostgreSQL")).isEqualTo(1);
        assertThat(again.values("BUILT")).as("an unchanged migration is not migrated twice").isEmpty();
        assertThat(again.value("PID")).isEqualTo(v1.value("PID"));

        Run v2 = finished("v2", start("v2", "20s", keepTwo, "v2", "1", "exit"));
        Run v3 = finished("v3", start("v3", "20s", keepTwo, "v3", "1", "exit"));
        Run v4 = finished("v4", start("v4", "1s", keepTwo, "v4", "1", "exit"));
        assertThat(List.of(v2, v3, v4)).allSatisfy(run -> assertThat(run.values("BUILT")).hasSize(1));
        String t1 = Template.of("warm", "v1", ds -> { }).name();
        String t2 = Template.of("warm", "v2", ds -> { }).name();
        String t3 = Template.of("warm", "v3", ds -> { }).name();
        String t4 = Template.of("warm", "v4", ds -> { }).name();
        assertThat(v3.value("TEMPLATES").split(" ")).containsExactlyInAnyOrder(t1, t2, t3);
        // v4's start kept the two newest (v2, v3) and dropped v1; then it built v4.
        assertThat(v4.value("TEMPLATES").split(" ")).containsExactlyInAnyOrder(t2, t3, t4);

        awaitGone(Long.parseLong(v4.value("PID")), Path.of(v4.value("CLUSTER")));
    }
}
