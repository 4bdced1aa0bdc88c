package io.bidtrack.engine.command.server;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.command.KeySpec;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.util.List;

/**
 * COMMAND, COMMAND COUNT, COMMAND INFO, COMMAND LIST, COMMAND DOCS: the command table in Redis 7's
 * format (cluster-aware clients read key positions from it). DOCS answers an empty map for now;
 * redis-cli then simply shows no argument hints.
 */
final class CommandCommand {
    private CommandCommand() {
    }

    static CommandSpec spec() {
        return CommandSpec.named("command").arity(-1).flags("loading", "stale").acl("@slow", "@connection")
                .tips("nondeterministic_output_order")
                .handler((client, args) -> writeAll(client.reply(), client.engine().commands()))
                .subcommand(sub("count", 2).handler(
                        (client, args) -> client.reply().integer(client.engine().commands().size())))
                .subcommand(sub("info", -2).tips("nondeterministic_output_order").handler(CommandCommand::info))
                .subcommand(sub("list", -2).tips("nondeterministic_output_order").handler(CommandCommand::list))
                .subcommand(sub("docs", -2).tips("nondeterministic_output_order")
                        .handler((client, args) -> client.reply().mapHeader(0)))
                .build();
    }

    private static CommandSpec.Builder sub(String name, int arity) {
        return CommandSpec.named(name).arity(arity).flags("loading", "stale").acl("@slow", "@connection");
    }

    private static void writeAll(ReplyWriter reply, CommandTable table) {
        reply.arrayHeader(table.size());
        for (CommandSpec spec : table.all()) {
            writeInfo(reply, spec);
        }
    }

    /** COMMAND INFO [name ...]: unknown names get a null entry; names may be "container|sub". */
    static void info(Client client, CommandArgs args) {
        CommandTable table = client.engine().commands();
        ReplyWriter reply = client.reply();
        if (args.count() == 2) {
            writeAll(reply, table);
            return;
        }
        reply.arrayHeader(args.count() - 2);
        for (int i = 2; i < args.count(); i++) {
            CommandSpec spec = lookup(table, args.text(i));
            if (spec == null) {
                reply.nullValue();
            } else {
                writeInfo(reply, spec);
            }
        }
    }

    static void list(Client client, CommandArgs args) {
        List<CommandSpec> all = client.engine().commands().all();
        ReplyWriter reply = client.reply();
        reply.arrayHeader(all.size());
        for (CommandSpec spec : all) {
            reply.bulk(spec.name());
        }
    }

    private static CommandSpec lookup(CommandTable table, String name) {
        int bar = name.indexOf('|');
        if (bar < 0) {
            return table.find(name);
        }
        CommandSpec container = table.find(name.substring(0, bar));
        if (container == null || container.subcommands() == null) {
            return null;
        }
        return container.subcommands().find(name.substring(bar + 1));
    }

    /** One command's 10-element description, exactly as Redis 7.0 lays it out. */
    private static void writeInfo(ReplyWriter reply, CommandSpec spec) {
        reply.arrayHeader(10);
        reply.bulk(spec.fullName());
        reply.integer(spec.arity());
        statusSet(reply, spec.flags());
        reply.integer(spec.firstKey());
        reply.integer(spec.lastKey());
        reply.integer(spec.keyStep());
        statusSet(reply, spec.aclCategories());
        reply.setHeader(spec.tips().size());
        for (String tip : spec.tips()) {
            reply.bulk(tip);
        }
        reply.setHeader(spec.keySpecs().size());
        for (KeySpec keySpec : spec.keySpecs()) {
            writeKeySpec(reply, keySpec);
        }
        CommandTable subcommands = spec.subcommands();
        List<CommandSpec> subs = subcommands == null ? List.of() : subcommands.all();
        reply.setHeader(subs.size());
        for (CommandSpec sub : subs) {
            writeInfo(reply, sub);
        }
    }

    private static void writeKeySpec(ReplyWriter reply, KeySpec keySpec) {
        reply.mapHeader(keySpec.notes() == null ? 3 : 4);
        if (keySpec.notes() != null) {
            reply.bulk("notes");
            reply.bulk(keySpec.notes());
        }
        reply.bulk("flags");
        statusSet(reply, keySpec.flags());
        reply.bulk("begin_search");
        reply.mapHeader(2);
        reply.bulk("type");
        reply.bulk("index");
        reply.bulk("spec");
        reply.mapHeader(1);
        reply.bulk("index");
        reply.integer(keySpec.beginIndex());
        reply.bulk("find_keys");
        reply.mapHeader(2);
        reply.bulk("type");
        reply.bulk("range");
        reply.bulk("spec");
        reply.mapHeader(3);
        reply.bulk("lastkey");
        reply.integer(keySpec.lastKey());
        reply.bulk("keystep");
        reply.integer(keySpec.keyStep());
        reply.bulk("limit");
        reply.integer(keySpec.limit());
    }

    private static void statusSet(ReplyWriter reply, List<String> values) {
        reply.setHeader(values.size());
        for (String value : values) {
            reply.simpleString(value);
        }
    }
}
