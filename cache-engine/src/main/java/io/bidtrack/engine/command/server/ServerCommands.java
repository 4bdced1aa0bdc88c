package io.bidtrack.engine.command.server;

import io.bidtrack.engine.EngineConfig;
import io.bidtrack.engine.bytes.Glob;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.command.HelpText;
import io.bidtrack.engine.command.Settings;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Server commands: INFO, CONFIG, TIME, LASTSAVE, LATENCY LATEST; COMMAND, SLOWLOG, MEMORY in their own classes. */
public final class ServerCommands {
    private ServerCommands() {
    }

    public static void register(CommandTable table) {
        table.add(CommandSpec.named("info").arity(-1).flags("loading", "stale").acl("@slow", "@dangerous")
                .tips("nondeterministic_output", "request_policy:all_shards", "response_policy:special")
                .handler(ServerCommands::info).build());
        table.add(CommandSpec.named("config").arity(-2).acl("@slow")
                .subcommand(CommandSpec.named("get").arity(-3).flags("admin", "noscript", "loading", "stale")
                        .acl("@admin", "@slow", "@dangerous").handler(ServerCommands::configGet))
                .subcommand(CommandSpec.named("set").arity(-4).flags("admin", "noscript", "loading", "stale")
                        .acl("@admin", "@slow", "@dangerous")
                        .tips("request_policy:all_nodes", "response_policy:all_succeeded").handler(ConfigSet::execute))
                .subcommand(CommandSpec.named("resetstat").arity(2).flags("admin", "noscript", "loading", "stale")
                        .acl("@admin", "@slow", "@dangerous").handler(ServerCommands::resetStat))
                .subcommand(HelpText.subcommand("config",
                        "GET <pattern>",
                        "    Return parameters matching the glob-like <pattern> and their values.",
                        "SET <directive> <value>",
                        "    Set the configuration <directive> to <value>.",
                        "RESETSTAT",
                        "    Reset statistics reported by the INFO command."))
                .build());
        table.add(CommandCommand.spec());
        table.add(SlowLogCommand.spec());
        table.add(MemoryCommand.spec());
        table.add(ShutdownCommand.spec());
        table.add(CommandSpec.named("time").arity(1).flags("loading", "stale", "fast").acl("@fast")
                .tips("nondeterministic_output").handler(ServerCommands::time).build());
        // No persistence: like a Redis that never saved, LASTSAVE reports the start-up time.
        table.add(CommandSpec.named("lastsave").arity(1).flags("loading", "stale", "fast")
                .acl("@admin", "@fast", "@dangerous").tips("nondeterministic_output")
                .handler((client, args) -> client.reply().integer(client.engine().startMillis() / 1000)).build());
        // The latency monitor is off (Redis' default latency-monitor-threshold 0): nothing recorded.
        table.add(CommandSpec.named("latency").arity(-2).acl("@slow")
                .subcommand(CommandSpec.named("latest").arity(2).flags("admin", "noscript", "loading", "stale")
                        .acl("@admin", "@slow", "@dangerous")
                        .tips("nondeterministic_output", "request_policy:all_nodes", "response_policy:special")
                        .handler((client, args) -> client.reply().arrayHeader(0)))
                .subcommand(HelpText.subcommand("latency",
                        "LATEST",
                        "    Return the latest latency samples for all events."))
                .build());
    }

    static void info(Client client, CommandArgs args) {
        List<String> sections = new ArrayList<>();
        for (int i = 1; i < args.count(); i++) {
            sections.add(args.text(i));
        }
        client.reply().verbatimText(ServerInfo.render(client.engine(), sections));
    }

    /** TIME: seconds and microseconds, as two bulk strings. */
    static void time(Client client, CommandArgs args) {
        java.time.Instant now = java.time.Instant.now();
        client.reply().arrayHeader(2);
        client.reply().bulk(Long.toString(now.getEpochSecond()));
        client.reply().bulk(Long.toString(now.getNano() / 1000));
    }

    /** CONFIG RESETSTAT: zeroes what INFO stats, commandstats and errorstats count, and the slow log. */
    static void resetStat(Client client, CommandArgs args) {
        var engine = client.engine();
        engine.stats().reset();
        engine.errorStats().reset();
        engine.keyspace().stats().reset();
        engine.slowLog().reset();
        for (CommandSpec spec : engine.commands().all()) {
            spec.resetStats();
            if (spec.subcommands() != null) {
                spec.subcommands().all().forEach(CommandSpec::resetStats);
            }
        }
        client.reply().ok();
    }

    /**
     * CONFIG GET pattern [pattern ...]: the engine's settings under Redis' parameter names, plus
     * the fixed answers tools ask for (redis-benchmark reads "save" and "appendonly").
     */
    static void configGet(Client client, CommandArgs args) {
        Map<String, String> parameters = parameters(client.engine().config(), client.engine().settings());
        parameters.put("requirepass", client.engine().acl().requirePass());
        parameters.put("aclfile", client.engine().config().aclFile());
        parameters.put("acllog-max-len", String.valueOf(client.engine().settings().aclLogMaxLen));
        Map<String, String> matches = new LinkedHashMap<>();
        for (int i = 2; i < args.count(); i++) {
            String pattern = args.text(i);
            if (!pattern.contains("*") && !pattern.contains("?") && !pattern.contains("[")) {
                // A plain name is looked up ignoring case and answered under the name as given.
                String value = parameters.get(pattern.toLowerCase(Locale.ROOT));
                if (value != null && matches.keySet().stream().noneMatch(pattern::equalsIgnoreCase)) {
                    matches.put(pattern, value);
                }
                continue;
            }
            byte[] glob = pattern.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1);
            parameters.forEach((name, value) -> {
                if (Glob.matches(glob, name.getBytes(StandardCharsets.ISO_8859_1))) {
                    matches.putIfAbsent(name, value);
                }
            });
        }
        ReplyWriter reply = client.reply();
        reply.mapHeader(matches.size());
        matches.forEach((name, value) -> {
            reply.bulk(name);
            reply.bulk(value.getBytes(StandardCharsets.UTF_8));
        });
    }

    private static Map<String, String> parameters(EngineConfig config, Settings settings) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bind", config.bindAddress());
        p.put("port", String.valueOf(config.port()));
        p.put("databases", String.valueOf(config.databases()));
        p.put("maxclients", String.valueOf(settings.maxClients));
        p.put("proto-max-bulk-len", String.valueOf(settings.maxBulkLength));
        p.put("client-query-buffer-limit", String.valueOf(settings.queryBufferLimit));
        p.put("client-output-buffer-limit", settings.outputBufferLimits.toString());
        p.put("hz", String.valueOf(settings.hz));
        p.put("slowlog-log-slower-than", String.valueOf(settings.slowlogSlowerThan));
        p.put("slowlog-max-len", String.valueOf(settings.slowlogMaxLen));
        p.put("tracking-table-max-keys", String.valueOf(settings.trackingTableMaxKeys));
        p.put("timeout", "0");
        p.put("save", "");
        p.put("appendonly", "no");
        p.put("maxmemory", "0");
        p.put("maxmemory-policy", "noeviction");
        return p;
    }
}
