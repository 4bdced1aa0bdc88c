package io.bidtrack.engine.command.lists;

import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;

/**
 * Lists: LPUSH, LRANGE, LMOVE, ..., and the blocking BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP.
 * Metadata as Redis 7.0's COMMAND INFO reports it.
 */
public final class ListCommands {
    private ListCommands() {
    }

    public static void register(CommandTable table) {
        for (String name : new String[] {"lpush", "rpush", "lpushx", "rpushx"}) {
            table.add(CommandSpec.named(name).arity(-3).flags("write", "denyoom", "fast")
                    .keys(1, 1, 1, "RW", "insert").acl("@write", "@list", "@fast")
                    .signalsModifiedKeys().handler(switch (name) {
                        case "lpush" -> PushPopCommands::lpush;
                        case "rpush" -> PushPopCommands::rpush;
                        case "lpushx" -> PushPopCommands::lpushx;
                        default -> PushPopCommands::rpushx;
                    }).build());
        }
        table.add(CommandSpec.named("lpop").arity(-2).flags("write", "fast")
                .keys(1, 1, 1, "RW", "access", "delete").acl("@write", "@list", "@fast")
                .signalsModifiedKeys().handler(PushPopCommands::lpop).build());
        table.add(CommandSpec.named("rpop").arity(-2).flags("write", "fast")
                .keys(1, 1, 1, "RW", "access", "delete").acl("@write", "@list", "@fast")
                .signalsModifiedKeys().handler(PushPopCommands::rpop).build());
        table.add(CommandSpec.named("llen").arity(2).flags("readonly", "fast")
                .keys(1, 1, 1, "RO").acl("@read", "@list", "@fast")
                .handler(PushPopCommands::llen).build());
        table.add(read("lrange", 4).handler(IndexCommands::lrange).build());
        table.add(read("lindex", 3).handler(IndexCommands::lindex).build());
        table.add(read("lpos", -3).handler(LposCommand::lpos).build());
        table.add(CommandSpec.named("lset").arity(4).flags("write", "denyoom")
                .keys(1, 1, 1, "RW", "update").acl("@write", "@list", "@slow")
                .signalsModifiedKeys().handler(IndexCommands::lset).build());
        table.add(CommandSpec.named("linsert").arity(5).flags("write", "denyoom")
                .keys(1, 1, 1, "RW", "insert").acl("@write", "@list", "@slow")
                .signalsModifiedKeys().handler(IndexCommands::linsert).build());
        table.add(CommandSpec.named("lrem").arity(4).flags("write")
                .keys(1, 1, 1, "RW", "delete").acl("@write", "@list", "@slow")
                .signalsModifiedKeys().handler(IndexCommands::lrem).build());
        table.add(CommandSpec.named("ltrim").arity(4).flags("write")
                .keys(1, 1, 1, "RW", "delete").acl("@write", "@list", "@slow")
                .signalsModifiedKeys().handler(IndexCommands::ltrim).build());
        table.add(move("lmove", 5, false).handler(MoveCommands::lmove).build());
        table.add(move("rpoplpush", 3, false).handler(MoveCommands::rpoplpush).build());
        table.add(move("blmove", 6, true).handler(BlockingCommands::blmove).build());
        table.add(move("brpoplpush", 4, true).handler(BlockingCommands::brpoplpush).build());
        table.add(CommandSpec.named("lmpop").arity(-4).flags("write", "movablekeys")
                .keynum(1, 0, 1, 1, "RW", "access", "delete")
                .acl("@write", "@list", "@slow").signalsModifiedKeys().handler(PushPopCommands::lmpop).build());
        table.add(CommandSpec.named("blmpop").arity(-5).flags("write", "blocking", "movablekeys")
                .keynum(2, 0, 1, 1, "RW", "access", "delete")
                .acl("@write", "@list", "@slow", "@blocking").signalsModifiedKeys()
                .handler(BlockingCommands::blmpop).build());
        table.add(blockingPop("blpop").handler(BlockingCommands::blpop).build());
        table.add(blockingPop("brpop").handler(BlockingCommands::brpop).build());
    }

    private static CommandSpec.Builder read(String name, int arity) {
        return CommandSpec.named(name).arity(arity).flags("readonly")
                .keys(1, 1, 1, "RO", "access").acl("@read", "@list", "@slow");
    }

    /** Source (key 1) and destination (key 2); the key specs keep only the legacy range here. */
    private static CommandSpec.Builder move(String name, int arity, boolean blocking) {
        CommandSpec.Builder b = CommandSpec.named(name).arity(arity);
        if (blocking) {
            b.flags("write", "denyoom", "noscript", "blocking").acl("@write", "@list", "@slow", "@blocking");
        } else {
            b.flags("write", "denyoom").acl("@write", "@list", "@slow");
        }
        // Two key specs, as Redis: the source is read and emptied, the destination only written.
        return b.keys(1, 1, 1, "RW", "access", "delete").keys(2, 2, 1, "RW", "insert").signalsModifiedKeys();
    }

    private static CommandSpec.Builder blockingPop(String name) {
        return CommandSpec.named(name).arity(-3).flags("write", "noscript", "blocking")
                .keys(1, -2, 1, "RW", "access", "delete").acl("@write", "@list", "@slow", "@blocking")
                .signalsModifiedKeys();
    }
}
