package io.github.pgfixture.internal.server;

import io.github.pgfixture.PgFixtureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How PostgreSQL's programs are started. They refuse to run as root, so as root they run either in
 * a new user namespace ({@code unshare -U}, where root is unmapped and postgres sees an ordinary
 * user) or as an unprivileged user ({@code setpriv}), which then must own the cluster's folder.
 * Anyone else runs them directly.
 */
final class RunAs {

    private static final Logger LOG = LoggerFactory.getLogger(RunAs.class);

    private final List<String> prefix;
    private final String owner;
    private final String description;

    private RunAs(List<String> prefix, String owner, String description) {
        this.prefix = List.copyOf(prefix);
        this.owner = owner;
        this.description = description;
    }

    /**
     * @param setting {@code auto} (unshare when it works, else setpriv to {@code nobody}),
     *                {@code unshare}, or a user name for setpriv. Ignored when not root.
     */
    static RunAs choose(String setting) {
        if (!isRoot()) {
            return new RunAs(List.of(), null, "as the current user");
        }
        String mode = setting == null || setting.isBlank() ? "auto" : setting.trim();
        if (mode.equals("unshare") || mode.equals("auto")) {
            if (unshareWorks()) {
                return new RunAs(List.of("unshare", "-U"), null, "as root in a new user namespace (unshare -U)");
            }
            if (mode.equals("unshare")) {
                throw new PgFixtureException("pgfixture.run-as=unshare, but 'unshare -U' fails on this machine (user "
                        + "namespaces are disabled or unshare is missing). Set pgfixture.run-as to an unprivileged user "
                        + "(for example nobody), or run the tests as a user other than root.");
            }
            mode = "nobody";
        }
        return setpriv(mode);
    }

    private static RunAs setpriv(String user) {
        if (!commandSucceeds(List.of("setpriv", "--version"))) {
            throw new PgFixtureException("PostgreSQL cannot run as root, and neither 'unshare -U' nor 'setpriv' works "
                    + "here to run it otherwise. Install util-linux (it provides both), enable user namespaces, "
                    + "run the tests as a user other than root, or point pgfixture at an existing server with "
                    + "pgfixture.url / PGFIXTURE_URL.");
        }
        String[] ids = passwdEntry(user);
        List<String> prefix = List.of("setpriv", "--reuid=" + ids[0], "--regid=" + ids[1], "--clear-groups");
        LOG.debug("Running PostgreSQL as user {} (uid {}, gid {})", user, ids[0], ids[1]);
        return new RunAs(prefix, user, "as user " + user + " (setpriv)");
    }

    /** The command with this mode's prefix. */
    List<String> command(List<String> command) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(command);
        return full;
    }

    /** True when PostgreSQL runs as another user, who must be able to reach its folders. */
    /** The user PostgreSQL runs as when it is not this JVM's, else null. */
    String owner() {
        return owner;
    }

    boolean switchesUser() {
        return owner != null;
    }

    /** Makes {@code folder} (not recursive) belong to the user postgres runs as, where that differs. */
    void handOver(Path folder) throws IOException {
        if (owner == null) {
            return;
        }
        UserPrincipalLookupService lookup = folder.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(folder, PosixFileAttributeView.class);
        view.setOwner(lookup.lookupPrincipalByName(owner));
    }

    @Override
    public String toString() {
        return description;
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean unshareWorks() {
        return commandSucceeds(List.of("unshare", "-U", "true"));
    }

    private static boolean commandSucceeds(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String[] passwdEntry(String user) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] fields = line.split(":");
                if (fields.length > 3 && fields[0].equals(user)) {
                    return new String[] {fields[2], fields[3]};
                }
            }
        } catch (IOException e) {
            throw new PgFixtureException("Cannot read /etc/passwd to find user " + user + ": " + e, e);
        }
        throw new PgFixtureException("pgfixture.run-as names user '" + user + "', which /etc/passwd does not have. "
                + "Name an existing unprivileged user, or use 'unshare'.");
    }
}
