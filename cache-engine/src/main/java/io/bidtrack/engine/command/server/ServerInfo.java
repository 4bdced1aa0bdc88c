package io.bidtrack.engine.command.server;

import io.bidtrack.engine.command.EngineState;
import io.bidtrack.engine.keyspace.Database;
import io.bidtrack.engine.keyspace.Keyspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of INFO, in Redis' format: {@code # Section} headers, {@code field:value} lines, a
 * blank line between sections.
 */
public final class ServerInfo {
    /**
     * The Redis version the engine answers as (HELLO, INFO). Clients enable features by version,
     * so this names the release whose behaviour the engine reproduces and is tested against.
     */
    public static final String REDIS_VERSION = "7.0.15";

    /** Every section, in Redis' order; INFO without arguments leaves out commandstats, as Redis does. */
    private static final List<String> ALL_SECTIONS = List.of("server", "clients", "memory", "persistence", "stats",
            "replication", "commandstats", "errorstats", "keyspace");
    private static final List<String> DEFAULT_SECTIONS =
            ALL_SECTIONS.stream().filter(s -> !s.equals("commandstats")).toList();

    private ServerInfo() {
    }

    /** The requested sections (no names: the default set; "all"/"everything": every section). */
    public static String render(EngineState engine, List<String> requested) {
        List<String> sections = new ArrayList<>();
        if (requested.isEmpty()) {
            sections.addAll(DEFAULT_SECTIONS);
        }
        for (String name : requested) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("all") || lower.equals("everything")) {
                sections.addAll(ALL_SECTIONS);
            } else if (lower.equals("default")) {
                sections.addAll(DEFAULT_SECTIONS);
            } else if (ALL_SECTIONS.contains(lower)) {
                sections.add(lower);
            }
        }
        StringBuilder text = new StringBuilder();
        for (String section : ALL_SECTIONS) {
            if (!sections.contains(section)) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append("\r\n");
            }
            switch (section) {
                case "server" -> server(engine, text);
                case "clients" -> clients(engine, text);
                case "memory" -> memory(text);
                case "persistence" -> persistence(text);
                case "stats" -> stats(engine, text);
                case "replication" -> replication(text);
                case "commandstats" -> CommandStatsInfo.commandStats(engine.commands(), text);
                case "errorstats" -> CommandStatsInfo.errorStats(engine.errorStats(), text);
                default -> keyspace(engine.keyspace(), text);
            }
        }
        return text.toString();
    }

    private static void server(EngineState engine, StringBuilder out) {
        long uptimeSeconds = (System.currentTimeMillis() - engine.startMillis()) / 1000;
        out.append("# Server\r\n");
        line(out, "redis_version", REDIS_VERSION);
        line(out, "redis_mode", "standalone");
        line(out, "engine", "bidtrack cache-engine (Java " + Runtime.version().feature() + ")");
        line(out, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        line(out, "arch_bits", "64");
        line(out, "multiplexing_api", engine.transport());
        line(out, "process_id", ProcessHandle.current().pid());
        line(out, "run_id", engine.runId());
        line(out, "tcp_port", engine.port());
        line(out, "server_time_usec", System.currentTimeMillis() * 1000);
        line(out, "uptime_in_seconds", uptimeSeconds);
        line(out, "uptime_in_days", uptimeSeconds / 86400);
        line(out, "hz", engine.settings().hz);
        line(out, "configured_hz", engine.settings().hz);
    }

    private static void clients(EngineState engine, StringBuilder out) {
        out.append("# Clients\r\n");
        line(out, "connected_clients", engine.clients().size());
        line(out, "maxclients", engine.settings().maxClients);
        line(out, "blocked_clients", engine.blocking().blockedClients());
        line(out, "tracking_clients", engine.tracking().clientCount());
    }

    private static void memory(StringBuilder out) {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        out.append("# Memory\r\n");
        line(out, "used_memory", used);
        line(out, "used_memory_human", humanBytes(used));
        line(out, "maxmemory", 0);
        line(out, "maxmemory_human", "0B");
        line(out, "maxmemory_policy", "noeviction");
        line(out, "mem_allocator", "jvm");
    }

    private static void persistence(StringBuilder out) {
        out.append("# Persistence\r\n");
        line(out, "loading", 0);
        line(out, "rdb_bgsave_in_progress", 0);
        line(out, "aof_enabled", 0);
    }

    private static void stats(EngineState engine, StringBuilder out) {
        var stats = engine.stats();
        var keyspaceStats = engine.keyspace().stats();
        out.append("# Stats\r\n");
        line(out, "total_connections_received", stats.connectionsReceived());
        line(out, "total_commands_processed", stats.commandsProcessed());
        line(out, "instantaneous_ops_per_sec", stats.instantaneousOpsPerSec());
        line(out, "rejected_connections", stats.rejectedConnections());
        line(out, "expired_keys", keyspaceStats.expiredKeys());
        line(out, "evicted_keys", 0);
        line(out, "keyspace_hits", keyspaceStats.hits());
        line(out, "keyspace_misses", keyspaceStats.misses());
        line(out, "pubsub_channels", engine.pubsub().channelCount());
        line(out, "pubsub_patterns", engine.pubsub().patternCount());
        line(out, "tracking_total_keys", engine.tracking().keyCount());
        line(out, "tracking_total_items", engine.tracking().itemCount());
        line(out, "tracking_total_prefixes", engine.tracking().prefixCount());
        line(out, "total_error_replies", engine.errorStats().total());
        line(out, "total_reads_processed", stats.readsProcessed());
        line(out, "total_writes_processed", stats.writesProcessed());
        // Not in Redis 7.0's INFO; Redis 7.2 added it under this name, and it is what shows slow readers.
        line(out, "client_output_buffer_limit_disconnections", stats.outputBufferLimitDisconnections());
    }

    private static void replication(StringBuilder out) {
        out.append("# Replication\r\n");
        line(out, "role", "master");
        line(out, "connected_slaves", 0);
    }

    private static void keyspace(Keyspace keyspace, StringBuilder out) {
        out.append("# Keyspace\r\n");
        for (int i = 0; i < keyspace.databaseCount(); i++) {
            Database db = keyspace.database(i);
            if (db.size() > 0) {
                out.append("db").append(i).append(":keys=").append(db.size())
                        .append(",expires=").append(db.volatileSize()).append(",avg_ttl=0\r\n");
            }
        }
    }

    private static void line(StringBuilder out, String field, Object value) {
        out.append(field).append(':').append(value).append("\r\n");
    }

    /** Redis' bytesToHuman: "512B", "1.50K", "3.20M", "1.00G". */
    static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        String[] units = {"K", "M", "G", "T"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f%s", value, units[unit]);
    }
}
