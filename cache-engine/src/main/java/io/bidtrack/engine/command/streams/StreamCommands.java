package io.bidtrack.engine.command.streams;

import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;

/**
 * Streams: XADD, XRANGE, XREAD, consumer groups (XGROUP, XREADGROUP, XACK, XPENDING, XCLAIM,
 * XAUTOCLAIM) and XINFO. Metadata as Redis 7.0's COMMAND INFO reports it (XREAD's keyword key
 * spec is left out: the key specs here only describe index ranges).
 */
public final class StreamCommands {
    private StreamCommands() {
    }

    public static void register(CommandTable table) {
        table.add(CommandSpec.named("xadd").arity(-5).flags("write", "denyoom", "fast")
                .keysWithNotes(1, 1, 1, "UPDATE instead of INSERT because of the optional trimming feature",
                        "RW", "update")
                .acl("@write", "@stream", "@fast").tips("nondeterministic_output")
                .signalsModifiedKeys().handler(AddCommands::xadd).build());
        table.add(CommandSpec.named("xtrim").arity(-4).flags("write")
                .keys(1, 1, 1, "RW", "delete").acl("@write", "@stream", "@slow")
                .tips("nondeterministic_output").signalsModifiedKeys().handler(AddCommands::xtrim).build());
        table.add(CommandSpec.named("xdel").arity(-3).flags("write", "fast")
                .keys(1, 1, 1, "RW", "delete").acl("@write", "@stream", "@fast")
                .signalsModifiedKeys().handler(RangeCommands::xdel).build());
        table.add(CommandSpec.named("xlen").arity(2).flags("readonly", "fast")
                .keys(1, 1, 1, "RO").acl("@read", "@stream", "@fast").handler(RangeCommands::xlen).build());
        table.add(read("xrange", -4).handler(RangeCommands::xrange).build());
        table.add(read("xrevrange", -4).handler(RangeCommands::xrevrange).build());
        table.add(CommandSpec.named("xread").arity(-4).flags("readonly", "blocking", "movablekeys")
                .keyword("STREAMS", 1, -1, 1, 2, "RO", "access")
                .acl("@read", "@stream", "@slow", "@blocking").handler(ReadCommands::xread).build());
        // XREADGROUP, XACK, XCLAIM, XAUTOCLAIM, XSETID and XGROUP (but CREATE ... MKSTREAM of a new
        // stream) change only IDs and group state: like Redis 7.0 they signal no modified key.
        table.add(CommandSpec.named("xreadgroup").arity(-7).flags("write", "blocking", "movablekeys")
                .keyword("STREAMS", 4, -1, 1, 2, "RO", "access")
                .acl("@write", "@stream", "@slow", "@blocking").signalsModifiedKeys()
                .handler(ReadCommands::xreadgroup).build());
        table.add(CommandSpec.named("xack").arity(-4).flags("write", "fast")
                .keys(1, 1, 1, "RW", "update").acl("@write", "@stream", "@fast")
                .signalsModifiedKeys().handler(GroupCommands::xack).build());
        table.add(CommandSpec.named("xpending").arity(-3).flags("readonly")
                .keys(1, 1, 1, "RO", "access").acl("@read", "@stream", "@slow")
                .tips("nondeterministic_output").handler(PendingCommands::xpending).build());
        table.add(CommandSpec.named("xclaim").arity(-6).flags("write", "fast")
                .keys(1, 1, 1, "RW", "update").acl("@write", "@stream", "@fast")
                .tips("nondeterministic_output").signalsModifiedKeys().handler(ClaimCommands::xclaim).build());
        table.add(CommandSpec.named("xautoclaim").arity(-6).flags("write", "fast")
                .keys(1, 1, 1, "RW", "delete").acl("@write", "@stream", "@fast")
                .tips("nondeterministic_output").signalsModifiedKeys().handler(ClaimCommands::xautoclaim).build());
        table.add(CommandSpec.named("xsetid").arity(-3).flags("write", "denyoom", "fast")
                .keys(1, 1, 1, "RW", "update").acl("@write", "@stream", "@fast")
                .signalsModifiedKeys().handler(SetIdCommand::xsetid).build());
        table.add(xgroup());
        table.add(xinfo());
    }

    private static CommandSpec.Builder read(String name, int arity) {
        return CommandSpec.named(name).arity(arity).flags("readonly")
                .keys(1, 1, 1, "RO", "access").acl("@read", "@stream", "@slow");
    }

    private static CommandSpec xgroup() {
        return CommandSpec.named("xgroup").arity(-2).acl("@slow")
                .subcommand(groupSub("create", -5, "insert", "write", "denyoom"))
                .subcommand(groupSub("setid", -5, "update", "write"))
                .subcommand(groupSub("destroy", 4, "delete", "write"))
                .subcommand(groupSub("createconsumer", 5, "insert", "write", "denyoom"))
                .subcommand(groupSub("delconsumer", 5, "delete", "write"))
                .subcommand(CommandSpec.named("help").arity(2).flags("loading", "stale").acl("@stream", "@slow")
                        .handler(GroupCommands::xgroupHelp))
                .build();
    }

    private static CommandSpec.Builder groupSub(String name, int arity, String access, String... flags) {
        return CommandSpec.named(name).arity(arity).flags(flags).keys(2, 2, 1, "RW", access)
                .acl("@write", "@stream", "@slow").signalsModifiedKeys().handler(GroupCommands::xgroup);
    }

    private static CommandSpec xinfo() {
        return CommandSpec.named("xinfo").arity(-2).acl("@slow")
                .subcommand(infoSub("consumers", 4).tips("nondeterministic_output").handler(InfoCommands::consumers))
                .subcommand(infoSub("groups", 3).handler(InfoCommands::groups))
                .subcommand(infoSub("stream", -3).handler(InfoCommands::stream))
                .subcommand(CommandSpec.named("help").arity(2).flags("loading", "stale").acl("@stream", "@slow")
                        .handler(InfoCommands::help))
                .build();
    }

    private static CommandSpec.Builder infoSub(String name, int arity) {
        return CommandSpec.named(name).arity(arity).flags("readonly").keys(2, 2, 1, "RO", "access")
                .acl("@read", "@stream", "@slow");
    }
}
