package io.github.pgfixture.internal.server;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds PostgreSQL JDBC URLs and masks their passwords for logs. */
public final class JdbcUrls {

    private JdbcUrls() {
    }

    /** {@code jdbc:postgresql://host:port/} + the encoded database + {@code query} (may be empty). */
    static String of(String hostAndPort, String database, String query) {
        return "jdbc:postgresql://" + hostAndPort + "/" + encode(database) + (query.isEmpty() ? "" : "?" + query);
    }

    /** Percent-encodes for the path or a query value; pgjdbc decodes both. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The URL with the value of every {@code password} parameter, and a password in {@code //user:password@}, replaced by {@code ***}. */
    public static String mask(String url) {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&;]*", "$1***")
                .replaceAll("(//[^/?#@:]*:)[^/?#@]*@", "$1***@");
    }
}
