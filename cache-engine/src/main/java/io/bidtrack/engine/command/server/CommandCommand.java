package io.bidtrack.engine.command.server;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.command.KeySpec;
import io.bidtrack.engine.bytes.Glob;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.HelpText;
import io.bidtrack.engine.command.KeyExtraction;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * COMMAND and its subcommands: the command table in Redis 7's format (cluster-aware clients read
 * key positions from it), GETKEYS from the key specs ({@link KeyExtraction}), LIST with its
 * filters. DOCS comes from {@link CommandDocs}.
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
                .subcommand(sub("list", -2).tips("nondeterministic_output_order").handler(CommandCommand::list))
                .subcommand(sub("info", -2).tips("nondeterministic_output_order").handler(CommandCommand::info))
                .subcommand(sub("docs", -2).tips("nondeterministic_output_order").handler(CommandDocs::docs))
                .subcommand(sub("getkeys", -4).handler((client, args) -> getKeys(client, args, false)))
                .subcommand(sub("getkeysandflags", -4).handler((client, args) -> getKeys(client, args, true)))
                .subcommand(sub("help", 2).handler(CommandCommand::help))
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

    /**
     * COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN glob]: every command and
     * subcommand ({@code acl|cat}). The engine has no modules, so MODULE lists nothing; an unknown
     * category matches nothing, as in Redis.
     */
    static void list(Client client, CommandArgs args) {
        Predicate<CommandSpec> filter;
        if (args.count() == 2) {
            filter = spec -> true;
        } else if (args.count() == 5 && args.is(2, "filterby")) {
            String value = args.text(4).toLowerCase(Locale.ROOT);
            if (args.is(3, "module")) {
                filter = spec -> false;
            } else if (args.is(3, "aclcat")) {
                String category = "@" + value;
                filter = spec -> spec.aclCategories().contains(category);
            } else if (args.is(3, "pattern")) {
                byte[] pattern = value.getBytes(StandardCharsets.ISO_8859_1);
                // Redis matches without case; names are lower case, so a lower-cased pattern does.
                filter = spec -> Glob.matches(pattern, spec.fullName().getBytes(StandardCharsets.ISO_8859_1));
            } else {
                throw Errors.SYNTAX;
            }
        } else {
            throw Errors.SYNTAX;
        }
        List<String> names = new ArrayList<>();
        for (CommandSpec spec : client.engine().commands().all()) {
            if (filter.test(spec)) {
                names.add(spec.fullName());
            }
            if (spec.subcommands() != null) {
                for (CommandSpec sub : spec.subcommands().all()) {
                    if (filter.test(sub)) {
                        names.add(sub.fullName());
                    }
                }
            }
        }
        ReplyWriter reply = client.reply();
        reply.arrayHeader(names.size());
        names.forEach(reply::bulk);
    }

    /**
     * COMMAND GETKEYS / GETKEYSANDFLAGS command arg...: the keys as the key specs find them, with
     * the spec's flags. Checks and messages in Redis' order: the command, whether it has keys at
     * all, its arity, then the keys themselves.
     */
    static void getKeys(Client client, CommandArgs args, boolean withFlags) {
        CommandSpec spec = client.engine().commands().find(args.data(), args.offset(2), args.length(2));
        if (spec != null && spec.subcommands() != null) {
            spec = spec.subcommands().find(args.data(), args.offset(3), args.length(3));
        }
        if (spec == null) {
            throw new RedisError("ERR Invalid command specified");
        }
        if (!KeyExtraction.hasKeys(spec)) {
            throw new RedisError("ERR The command has no key arguments");
        }
        if (!spec.acceptsArgumentCount(args.count() - 2)) {
            throw new RedisError("ERR Invalid number of arguments specified for command");
        }
        List<KeyExtraction.KeyRef> keys = KeyExtraction.keys(spec, args, 2);
        if (keys.isEmpty()) {
            throw new RedisError("ERR Invalid arguments specified for command");
        }
        ReplyWriter reply = client.reply();
        reply.arrayHeader(keys.size());
        for (KeyExtraction.KeyRef key : keys) {
            int at = 2 + key.position();
            if (withFlags) {
                reply.arrayHeader(2);
                reply.bulk(args.data(), args.offset(at), args.length(at));
                statusSet(reply, key.flags());
            } else {
                reply.bulk(args.data(), args.offset(at), args.length(at));
            }
        }
    }

    private static void help(Client client, CommandArgs args) {
        HelpText.reply(client.reply(), "command",
                "(no subcommand)",
                "    Return details about all Redis commands.",
                "COUNT",
                "    Return the total number of commands in this Redis server.",
                "LIST",
                "    Return a list of all commands in this Redis server.",
                "INFO [<command-name> ...]",
                "    Return details about multiple Redis commands.",
                "    If no command names are given, documentation details for all",
                "    commands are returned.",
                "DOCS [<command-name> ...]",
                "    Return documentation details about multiple Redis commands.",
                "    If no command names are given, documentation details for all",
                "    commands are returned.",
                "GETKEYS <full-command>",
                "    Return the keys from a full Redis command.",
                "GETKEYSANDFLAGS <full-command>",
                "    Return the keys and the access flags from a full Redis command.");
    }

    static CommandSpec lookup(CommandTable table, String name) {
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
        switch (keySpec.begin()) {
            case KeySpec.Index index -> {
                reply.bulk("index");
                reply.bulk("spec");
                reply.mapHeader(1);
                field(reply, "index", index.index());
            }
            case KeySpec.Keyword keyword -> {
                reply.bulk("keyword");
                reply.bulk("spec");
                reply.mapHeader(2);
                reply.bulk("keyword");
                reply.bulk(keyword.keyword());
                field(reply, "startfrom", keyword.startFrom());
            }
        }
        reply.bulk("find_keys");
        reply.mapHeader(2);
        reply.bulk("type");
        switch (keySpec.find()) {
            case KeySpec.Range range -> {
                reply.bulk("range");
                reply.bulk("spec");
                reply.mapHeader(3);
                field(reply, "lastkey", range.lastKey());
                field(reply, "keystep", range.keyStep());
                field(reply, "limit", range.limit());
            }
            case KeySpec.Keynum keynum -> {
                reply.bulk("keynum");
                reply.bulk("spec");
                reply.mapHeader(3);
                field(reply, "keynumidx", keynum.keynumIdx());
                field(reply, "firstkey", keynum.firstKey());
                field(reply, "keystep", keynum.keyStep());
            }
        }
    }

    private static void field(ReplyWriter reply, String name, int value) {
        reply.bulk(name);
        reply.integer(value);
    }

    private static void statusSet(ReplyWriter reply, List<String> values) {
        reply.setHeader(values.size());
        for (String value : values) {
            reply.simpleString(value);
        }
    }
}
