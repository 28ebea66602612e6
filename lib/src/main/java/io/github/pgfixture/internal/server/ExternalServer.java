package io.github.pgfixture.internal.server;

import io.github.pgfixture.PgFixtureException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server the user names with an admin JDBC URL ({@code pgfixture.url}). The URL's database is the
 * maintenance database ({@code postgres} when the URL names none); its query (user, password, ssl
 * options) is kept for every database's URL. Nothing is started or stopped.
 */
final class ExternalServer implements Server {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/?]*)(?:/([^?]*))?(?:\\?(.*))?");

    private final String hostAndPort;
    private final String maintenanceDatabase;
    private final String query;

    private ExternalServer(String hostAndPort, String maintenanceDatabase, String query) {
        this.hostAndPort = hostAndPort;
        this.maintenanceDatabase = maintenanceDatabase;
        this.query = query;
    }

    static ExternalServer parse(String url, String source) {
        Matcher m = URL.matcher(url.trim());
        // pgjdbc reads no user:password@ before the host: it would take all of it for the host name.
        if (!m.matches() || m.group(1).isEmpty() || m.group(1).contains("@")) {
            throw new PgFixtureException("The admin URL '" + JdbcUrls.mask(url) + "' (from " + source + ") is not of the "
                    + "form jdbc:postgresql://host[:port][/database][?user=...&password=...]. Correct it; the user "
                    + "must be allowed to create databases (CREATEDB or superuser).");
        }
        String database = m.group(2) == null || m.group(2).isEmpty()
                ? "postgres" : URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
        return new ExternalServer(m.group(1), database, m.group(3) == null ? "" : m.group(3));
    }

    @Override
    public String jdbcUrl(String database) {
        return JdbcUrls.of(hostAndPort, database, query);
    }

    @Override
    public String maintenanceDatabase() {
        return maintenanceDatabase;
    }

    @Override
    public boolean embedded() {
        return false;
    }

    @Override
    public String describe() {
        return "external PostgreSQL at " + hostAndPort;
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
