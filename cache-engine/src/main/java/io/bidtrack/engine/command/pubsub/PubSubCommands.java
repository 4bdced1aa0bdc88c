package io.bidtrack.engine.command.pubsub;

import io.bidtrack.engine.bytes.ByteString;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.Command;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.pubsub.PubSubHub;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.util.List;
import java.util.Set;

/**
 * PUBLISH, SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE; PUBSUB in {@link PubSubIntrospection}.
 *
 * <p>Each (un)subscription is confirmed with its own reply carrying the client's subscription
 * count; in RESP3 these and the messages are push replies. Core-data updates reach every service's
 * L1 cache this way.
 */
public final class PubSubCommands {
    private PubSubCommands() {
    }

    public static void register(CommandTable table) {
        table.add(CommandSpec.named("publish").arity(3).flags("pubsub", "loading", "stale", "fast")
                .acl("@pubsub", "@fast").handler(PubSubCommands::publish).build());
        table.add(subscription("subscribe", -2, PubSubCommands::subscribe));
        table.add(subscription("unsubscribe", -1, PubSubCommands::unsubscribe));
        table.add(subscription("psubscribe", -2, PubSubCommands::psubscribe));
        table.add(subscription("punsubscribe", -1, PubSubCommands::punsubscribe));
        table.add(PubSubIntrospection.spec());
    }

    private static CommandSpec subscription(String name, int arity, Command handler) {
        return CommandSpec.named(name).arity(arity).flags("pubsub", "noscript", "loading", "stale")
                .acl("@pubsub", "@slow").allowedWhileSubscribed().handler(handler).build();
    }

    static void publish(Client client, CommandArgs args) {
        ByteString channel = ByteString.copyOf(args.data(), args.offset(1), args.length(1));
        int receivers = client.engine().pubsub().publish(channel, args.copy(2));
        client.reply().integer(receivers);
    }

    static void subscribe(Client client, CommandArgs args) {
        PubSubHub hub = client.engine().pubsub();
        for (int i = 1; i < args.count(); i++) {
            ByteString channel = ByteString.copyOf(args.data(), args.offset(i), args.length(i));
            if (client.channels().add(channel)) {
                hub.subscribe(client, channel);
            }
            confirm(client, "subscribe", channel);
        }
    }

    static void psubscribe(Client client, CommandArgs args) {
        PubSubHub hub = client.engine().pubsub();
        for (int i = 1; i < args.count(); i++) {
            ByteString pattern = ByteString.copyOf(args.data(), args.offset(i), args.length(i));
            if (client.patterns().add(pattern)) {
                hub.psubscribe(client, pattern);
            }
            confirm(client, "psubscribe", pattern);
        }
    }

    /** Without arguments: from every channel; with none subscribed, one reply with a null name. */
    static void unsubscribe(Client client, CommandArgs args) {
        PubSubHub hub = client.engine().pubsub();
        List<ByteString> channels = args.count() > 1 ? names(args) : client.channelList();
        if (channels.isEmpty()) {
            confirm(client, "unsubscribe", null);
        }
        for (ByteString channel : channels) {
            if (client.channels().remove(channel)) {
                hub.unsubscribe(client, channel);
            }
            confirm(client, "unsubscribe", channel);
        }
    }

    static void punsubscribe(Client client, CommandArgs args) {
        PubSubHub hub = client.engine().pubsub();
        List<ByteString> patterns = args.count() > 1 ? names(args) : client.patternList();
        if (patterns.isEmpty()) {
            confirm(client, "punsubscribe", null);
        }
        Set<ByteString> subscribed = client.patterns();
        for (ByteString pattern : patterns) {
            if (subscribed.remove(pattern)) {
                hub.punsubscribe(client, pattern);
            }
            confirm(client, "punsubscribe", pattern);
        }
    }

    private static List<ByteString> names(CommandArgs args) {
        ByteString[] names = new ByteString[args.count() - 1];
        for (int i = 1; i < args.count(); i++) {
            names[i - 1] = ByteString.copyOf(args.data(), args.offset(i), args.length(i));
        }
        return List.of(names);
    }

    private static void confirm(Client client, String kind, ByteString name) {
        ReplyWriter reply = client.reply();
        reply.pushHeader(3);
        reply.bulk(kind);
        if (name == null) {
            reply.nullValue();
        } else {
            reply.bulk(name.bytes());
        }
        reply.integer(client.subscriptionCount());
    }
}
