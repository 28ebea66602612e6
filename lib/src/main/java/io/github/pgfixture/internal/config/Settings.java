package io.github.pgfixture.internal.config;

import io.github.pgfixture.PgFixtureException;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Immutable view of pgfixture's configuration, looked up in this order: programmatic values, system
 * properties, environment variables, then a {@code pgfixture.properties} file on the class path.
 *
 * <p>Keys are written {@code pgfixture.some-key}; the environment variable for that key is
 * {@code PGFIXTURE_SOME_KEY} (upper case, dots and dashes as underscores).
 */
public final class Settings {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Settings.class);

    public static final String FILE = "pgfixture.properties";

    /** Admin JDBC URL of an existing server; when set, nothing is booted. */
    public static final String URL = "pgfixture.url";
    /** Folder that holds the embedded cluster's data directory. */
    public static final String DATA_DIR = "pgfixture.data-dir";
    /** Folder where the PostgreSQL binaries are unpacked once per machine and version. */
    public static final String BINARIES_DIR = "pgfixture.binaries-dir";
    /** As root: {@code auto}, {@code unshare}, or the name of an unprivileged user to run postgres as. */
    public static final String RUN_AS = "pgfixture.run-as";
    /** max_connections of the embedded server. */
    public static final String MAX_CONNECTIONS = "pgfixture.max-connections";
    /** CREATE DATABASE strategy for clones: {@code file_copy}, {@code wal_log} or {@code default}. */
    public static final String CLONE_STRATEGY = "pgfixture.clone-strategy";
    /** Extra server settings for the embedded server: {@code name=value,name=value}. */
    public static final String SERVER_CONFIG = "pgfixture.server-config";
    /** At start-up, keep only the N most recent templates of each label (unset: keep all). */
    public static final String KEEP_TEMPLATES = "pgfixture.keep-templates";
    /** Maximum size of the connection pool each TemporaryDatabase makes. */
    public static final String CONNECTIONS_PER_DATABASE = "pgfixture.connections-per-database";
    /** Upper bound of ready clones prepared ahead per template; 0 turns ready clones off. */
    public static final String READY_CLONES = "pgfixture.ready-clones";
    /** On an embedded cluster, at most this many closed clones wait for their DROP; 0 drops each at once. */
    public static final String DEFERRED_DROPS = "pgfixture.deferred-drops";

    /**
     * How long an embedded server stays up, warm for the next run, after the last JVM using it
     * detached: a duration ({@code 10m}, {@code 30s}, {@code 1500ms}, {@code PT10M}); {@code 0} gives
     * each JVM a server of its own, stopped at its exit. Default 10 minutes, 0 where {@code CI} is set.
     */
    public static final String KEEP_ALIVE = "pgfixture.keep-alive";
    /** Folder (per OS user, 0700) that describes the warm servers; default {@code <tmp>/pgfixture-warm-<user>}. */
    public static final String WARM_DIR = "pgfixture.warm-dir";

    /** The adapters' switch: keep a failed test's database for inspection (JUnit 5 and TestNG). */
    public static final String KEEP_ON_FAILURE = "pgfixture.keep-on-failure";
    /** The adapters' switch: report tests as aborted/skipped when no cluster can be had. */
    public static final String ABORT_IF_UNAVAILABLE = "pgfixture.abort-if-unavailable";
    /** The adapters' switch: build the templates a run will need in parallel before its first test. */
    public static final String PREBUILD_TEMPLATES = "pgfixture.prebuild-templates";

    /**
     * Every key pgfixture reads: each {@code public static final String} of this class whose value starts
     * with {@code pgfixture.} (the file name excepted), so a key added here is known everywhere at once.
     */
    public static final Set<String> KNOWN_KEYS = knownKeys();

    private final Map<String, String> programmatic;
    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;
    private final Properties file;
    private final String fileLocation;

    private Settings(Map<String, String> programmatic, Function<String, String> systemProperties,
                     Function<String, String> environment, Properties file, String fileLocation) {
        this.programmatic = Map.copyOf(programmatic);
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.file = file;
        this.fileLocation = fileLocation;
    }

    /** Settings of this JVM: system properties, environment and class-path file, read now. */
    public static Settings load() {
        return load(Map.of());
    }

    /** As {@link #load()}, with {@code programmatic} taking precedence over every other source. */
    public static Settings load(Map<String, String> programmatic) {
        Properties fromFile = new Properties();
        String location = null;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Settings.class.getClassLoader();
        }
        URL url = loader.getResource(FILE);
        if (url != null) {
            location = url.toString();
            try (InputStream in = url.openStream()) {
                fromFile.load(in);
            } catch (IOException | IllegalArgumentException e) { // the latter: a malformed unicode escape
                throw new PgFixtureException("Cannot read " + location + ": " + e.getMessage()
                        + ". Fix or remove that file.", e);
            }
            warnOfUnknownKeys(fromFile, location);
        }
        Properties snapshot = (Properties) System.getProperties().clone();
        return new Settings(programmatic, snapshot::getProperty, System::getenv, fromFile, location);
    }

    /**
     * Settings from the given sources only; for tests. Unless {@code values} sets
     * {@link #KEEP_ALIVE}, it is {@code 0}: an embedded server of the caller's own that stops when
     * closed, never a warm one that outlives the test (environment variables, {@code CI} among them,
     * are not read here).
     */
    public static Settings of(Map<String, String> values) {
        Map<String, String> hermetic = new java.util.HashMap<>(values);
        hermetic.putIfAbsent(KEEP_ALIVE, "0");
        return new Settings(hermetic, k -> null, k -> null, new Properties(), null);
    }

    /** A copy with {@code key} set programmatically, overriding every other source. */
    Settings with(String key, String value) {
        Map<String, String> copy = new java.util.HashMap<>(programmatic);
        copy.put(key, value);
        return new Settings(copy, systemProperties, environment, file, fileLocation);
    }

    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(lookup(key)).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    public int getInt(String key, int defaultValue, int min, int max) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new PgFixtureException("Setting " + key + " = '" + raw.get() + "' (from " + sourceOf(key)
                + ") is not a whole number from " + min + " to " + max + ". Correct or remove it.");
    }

    /**
     * A true/false switch that a test framework's own configuration can set too: looked up first with
     * {@code framework} (the adapters pass JUnit's configuration parameters or TestNG's parameters;
     * null or blank there means not set), then among these settings; {@code defaultValue} where neither
     * has it. Case is ignored, and so are surrounding blanks.
     *
     * @param frameworkSource how messages name the framework's source, e.g. "JUnit configuration parameter"
     * @throws PgFixtureException naming the key, the value and where it came from, for anything but
     *                            true or false
     */
    public boolean getBoolean(String key, boolean defaultValue, UnaryOperator<String> framework,
                              String frameworkSource) {
        String value = framework.apply(key);
        String source = frameworkSource + " " + key;
        if (value == null || value.isBlank()) {
            value = get(key).orElse(null);
            source = sourceOf(key);
        }
        if (value == null) {
            return defaultValue;
        }
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new PgFixtureException("Setting " + key + " = '" + value.strip() + "' (from " + source
                        + ") must be true or false. Correct or remove it.");
        }
    }

    /**
     * Checks that {@code key} is one pgfixture reads.
     *
     * @param source how the message names where the key was given, e.g. "SharedCluster.configure"
     * @throws PgFixtureException naming the key, the known key nearest to it (by edit distance), and where
     *                            the full list is
     */
    public static void requireKnown(String key, String source) {
        if (KNOWN_KEYS.contains(key)) {
            return;
        }
        throw new PgFixtureException("Unknown setting '" + key + "' in " + source + ". Did you mean '"
                + nearestKnown(key) + "'? Known settings: " + String.join(", ", KNOWN_KEYS)
                + " (the users guide's Configuration section says what each does).");
    }

    /** The known key with the smallest edit distance to {@code key} (the first in sorted order on a tie). */
    public static String nearestKnown(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String wanted = key.startsWith("pgfixture.") ? key : "pgfixture." + key;
        for (String known : KNOWN_KEYS) {
            int distance = editDistance(wanted.toLowerCase(Locale.ROOT), known);
            if (distance < bestDistance) {
                best = known;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** A misspelt key in the file would otherwise be ignored without a word. */
    private static void warnOfUnknownKeys(Properties fromFile, String location) {
        for (String key : new TreeSet<>(fromFile.stringPropertyNames())) {
            if (key.startsWith("pgfixture.") && !KNOWN_KEYS.contains(key)) {
                LOG.warn("{} sets '{}', which pgfixture does not read: did you mean '{}'?", location, key,
                        nearestKnown(key));
            }
        }
    }

    private static Set<String> knownKeys() {
        Set<String> keys = new TreeSet<>();
        for (Field field : Settings.class.getFields()) {
            int modifiers = field.getModifiers();
            if (field.getType() == String.class && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)) {
                try {
                    String value = (String) field.get(null);
                    if (value.startsWith("pgfixture.") && !value.equals(FILE)) {
                        keys.add(value);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e); // public fields of this class: cannot happen
                }
            }
        }
        return java.util.Collections.unmodifiableSet(keys);
    }

    /** Where the value of {@code key} comes from, for error messages. */
    public String sourceOf(String key) {
        if (programmatic.containsKey(key)) {
            return "programmatic configuration";
        }
        if (systemProperties.apply(key) != null) {
            return "system property " + key;
        }
        if (environment.apply(environmentName(key)) != null) {
            return "environment variable " + environmentName(key);
        }
        if (file.getProperty(key) != null) {
            return fileLocation;
        }
        return "default";
    }

    private String lookup(String key) {
        String value = programmatic.get(key);
        if (value == null) {
            value = systemProperties.apply(key);
        }
        if (value == null) {
            value = environment.apply(environmentName(key));
        }
        if (value == null) {
            value = file.getProperty(key);
        }
        return value;
    }
}
