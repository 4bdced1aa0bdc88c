package io.bidtrack.engine.command.server;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.HelpText;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.command.SlowLog;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;

/** SLOWLOG GET [count], SLOWLOG LEN, SLOWLOG RESET; the log itself is filled by the dispatcher. */
final class SlowLogCommand {
    private static final RedisError BAD_COUNT = new RedisError("ERR count should be greater than or equal to -1");

    private SlowLogCommand() {
    }

    static CommandSpec spec() {
        return CommandSpec.named("slowlog").arity(-2).acl("@slow")
                .subcommand(sub("get", -2).tips("request_policy:all_nodes", "nondeterministic_output")
                        .handler(SlowLogCommand::get))
                .subcommand(sub("len", 2).tips("request_policy:all_nodes", "response_policy:agg_sum",
                        "nondeterministic_output").handler(
                                (client, args) -> client.reply().integer(client.engine().slowLog().size())))
                .subcommand(sub("reset", 2).tips("request_policy:all_nodes", "response_policy:all_succeeded")
                        .handler((client, args) -> {
                            client.engine().slowLog().reset();
                            client.reply().ok();
                        }))
                .subcommand(HelpText.subcommand("slowlog",
                        "GET [<count>]",
                        "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
                        "    Entries are made of:",
                        "    id, timestamp, time in microseconds, arguments array, client IP and port,",
                        "    client name",
                        "LEN",
                        "    Return the length of the slowlog.",
                        "RESET",
                        "    Reset the slowlog."))
                .build();
    }

    private static CommandSpec.Builder sub(String name, int arity) {
        return CommandSpec.named(name).arity(arity).flags("admin", "loading", "stale")
                .acl("@admin", "@slow", "@dangerous");
    }

    /** Newest first; 10 entries by default, -1 for all. */
    static void get(Client client, CommandArgs args) {
        if (args.count() > 3) {
            throw new RedisError("ERR unknown subcommand or wrong number of arguments for '"
                    + args.text(1) + "'. Try SLOWLOG HELP.");
        }
        long count = 10;
        if (args.count() == 3) {
            try {
                count = args.longValue(2);
            } catch (RuntimeException e) {
                throw BAD_COUNT;
            }
            if (count < -1) {
                throw BAD_COUNT;
            }
        }
        SlowLog log = client.engine().slowLog();
        int n = count == -1 ? log.size() : (int) Math.min(count, log.size());
        ReplyWriter reply = client.reply();
        reply.arrayHeader(n);
        int written = 0;
        for (SlowLog.Entry e : log.newestFirst()) {
            if (written++ == n) {
                break;
            }
            reply.arrayHeader(6);
            reply.integer(e.id());
            reply.integer(e.unixSeconds());
            reply.integer(e.micros());
            reply.arrayHeader(e.args().length);
            for (byte[] arg : e.args()) {
                reply.bulk(arg);
            }
            reply.bulk(e.address());
            reply.bulk(e.name());
        }
    }
}
