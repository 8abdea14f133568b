package dev.openmail.adapters.persistence;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Connector/J settings for a {@code jdbc:mysql:} data source (MySQL or MariaDB), added to its pool's driver properties
 * unless the URL or the configuration already names them. Left alone for H2, which refuses properties it does not know.
 *
 * <ul>
 *   <li>Server-side prepared statements, up to 250 cached per connection: a statement is parsed once per connection
 *       rather than on every use, and its parameters travel in binary (a raw message is no longer escaped into the
 *       SQL text). The server holds them: 10 connections of a process hold at most 2,500 of MariaDB's
 *       {@code max_prepared_stmt_count} (16,382 by default), which the operator raises for more processes. A statement
 *       the server refuses to prepare is an error, never quietly sent as text instead: on a Galera node the refusal
 *       can be the deadlock error of a transaction another node's write aborted, and a driver that went on as text
 *       would run the rest of the work in a new transaction and commit half of it.</li>
 *   <li>The session's autocommit and isolation kept in the driver, so a transaction does not send
 *       {@code SET autocommit} the server already has, and the server's variables read once per pool.</li>
 *   <li>Over several hosts (load balancing, failover), statements prepared by the driver instead
 *       ({@link #propertiesFor}).</li>
 *   <li>Batches rewritten into multi-row statements.</li>
 *   <li>A connection that was idle is checked with the protocol's ping instead of {@code SELECT 1}.</li>
 * </ul>
 */
@Singleton
final class MysqlDriverSettings implements BeanCreatedEventListener<DatasourceConfiguration> {

    static final Map<String, String> PROPERTIES = properties();

    private static Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("useServerPrepStmts", "true");
        properties.put("cachePrepStmts", "true");
        properties.put("prepStmtCacheSize", "250");
        properties.put("prepStmtCacheSqlLimit", "4096");
        properties.put("emulateUnsupportedPstmts", "false");
        properties.put("useLocalSessionState", "true");
        properties.put("cacheServerConfiguration", "true");
        properties.put("rewriteBatchedStatements", "true");
        properties.put("maintainTimeStats", "false");
        return Map.copyOf(properties);
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        String url = configuration.getJdbcUrl();
        if (isMysql(url)) {
            // Connector/J reads property names without regard to case, and a setting from the environment
            // (DATASOURCES_DEFAULT_DATA_SOURCE_PROPERTIES_USESERVERPREPSTMTS) arrives in lower case.
            String lowerUrl = url.toLowerCase(Locale.ROOT);
            Set<String> named = configuration.getDataSourceProperties().stringPropertyNames().stream()
                    .map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            propertiesFor(url).forEach((name, value) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!lowerUrl.contains(lower + "=") && !named.contains(lower)) {
                    configuration.addDataSourceProperty(name, value);
                }
            });
            // A connection idle for a while is checked before use with the driver's ping rather than the query the
            // configuration sets by default; a query of the operator's own is kept.
            if ("SELECT 1".equalsIgnoreCase(configuration.getConnectionTestQuery())) {
                configuration.setConnectionTestQuery(null);
            }
        }
        return configuration;
    }

    /**
     * The settings for {@code url}. Over several hosts (Connector/J's {@code loadbalance:}, {@code replication:} or
     * failover list), statements are prepared by the driver, not the server: such a connection moves between its hosts'
     * physical connections, and a statement the server prepared on one is unknown to the others ("Unknown prepared
     * statement handler" after a node failed).
     */
    static Map<String, String> propertiesFor(String url) {
        if (!isMultiHost(url)) {
            return PROPERTIES;
        }
        Map<String, String> properties = new LinkedHashMap<>(PROPERTIES);
        properties.remove("useServerPrepStmts");
        properties.remove("emulateUnsupportedPstmts");
        return Map.copyOf(properties);
    }

    static boolean isMultiHost(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:mysql:loadbalance:") || lower.startsWith("jdbc:mysql:replication:")) {
            return true;
        }
        int hosts = lower.indexOf("//");
        if (hosts < 0) {
            return false;
        }
        int end = hosts + 2;
        while (end < lower.length() && lower.charAt(end) != '/' && lower.charAt(end) != '?') {
            end++;
        }
        return lower.substring(hosts + 2, end).indexOf(',') >= 0;
    }

    static boolean isMysql(String url) {
        return url != null && url.startsWith("jdbc:mysql:");
    }
}
