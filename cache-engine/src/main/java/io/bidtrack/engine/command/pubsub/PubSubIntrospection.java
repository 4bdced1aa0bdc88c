package io.bidtrack.engine.command.pubsub;

import io.bidtrack.engine.bytes.ByteString;
import io.bidtrack.engine.bytes.Glob;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.HelpText;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.pubsub.PubSubHub;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.List;

/** PUBSUB CHANNELS [pattern], PUBSUB NUMSUB [channel ...], PUBSUB NUMPAT. */
final class PubSubIntrospection {
    private PubSubIntrospection() {
    }

    static CommandSpec spec() {
        return CommandSpec.named("pubsub").arity(-2).acl("@slow")
                .subcommand(sub("channels", -2).handler(PubSubIntrospection::channels))
                .subcommand(sub("numsub", -2).handler(PubSubIntrospection::numsub))
                .subcommand(sub("numpat", 2).handler(
                        (client, args) -> client.reply().integer(client.engine().pubsub().patternCount())))
                .subcommand(HelpText.subcommand("pubsub",
                        "CHANNELS [<pattern>]",
                        "    Return the currently active channels matching a <pattern> (default: '*').",
                        "NUMPAT",
                        "    Return number of subscriptions to patterns.",
                        "NUMSUB [<channel> ...]",
                        "    Return the number of subscribers for the specified channels, excluding",
                        "    pattern subscriptions(default: no channels)."))
                .build();
    }

    private static CommandSpec.Builder sub(String name, int arity) {
        return CommandSpec.named(name).arity(arity).flags("pubsub", "loading", "stale").acl("@pubsub", "@slow");
    }

    static void channels(Client client, CommandArgs args) {
        if (args.count() > 3) {
            // Redis' own wording for this case, not its usual arity error.
            throw new RedisError("ERR unknown subcommand or wrong number of arguments for '"
                    + args.text(1) + "'. Try PUBSUB HELP.");
        }
        byte[] pattern = args.count() == 3 ? args.copy(2) : null;
        List<ByteString> matching = new ArrayList<>();
        for (ByteString channel : client.engine().pubsub().channels()) {
            if (pattern == null || Glob.matches(pattern, channel.bytes())) {
                matching.add(channel);
            }
        }
        ReplyWriter reply = client.reply();
        reply.arrayHeader(matching.size());
        for (ByteString channel : matching) {
            reply.bulk(channel.bytes());
        }
    }

    static void numsub(Client client, CommandArgs args) {
        PubSubHub hub = client.engine().pubsub();
        ReplyWriter reply = client.reply();
        reply.arrayHeader((args.count() - 2) * 2);
        for (int i = 2; i < args.count(); i++) {
            reply.bulk(args.data(), args.offset(i), args.length(i));
            reply.integer(hub.subscriberCount(ByteString.copyOf(args.data(), args.offset(i), args.length(i))));
        }
    }
}
