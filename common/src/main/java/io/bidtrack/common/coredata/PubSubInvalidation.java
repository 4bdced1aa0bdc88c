package io.bidtrack.common.coredata;

import io.bidtrack.common.Names;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes as {@link CoreDataMessage}s on the {@code core-data} channel: each carries the campaign
 * itself, so it is applied without reading the store. Works in RESP2 and RESP3 (the message is a
 * push in RESP3 and an unsolicited array in RESP2; the client delivers both to the handler).
 */
final class PubSubInvalidation implements InvalidationProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(PubSubInvalidation.class);

    @Override
    public InvalidationMode mode() {
        return InvalidationMode.PUBSUB;
    }

    @Override
    public Future<Void> enable(RedisConnection connection) {
        return connection.send(Request.cmd(Command.SUBSCRIBE).arg(Names.CORE_DATA_CHANNEL)).mapEmpty();
    }

    @Override
    public boolean onMessage(Response message, CacheChanges changes) {
        // ["message", channel, payload]; subscription confirmations and other pushes are ignored.
        if (message.size() < 3 || !"message".equals(message.get(0).toString())) {
            return false;
        }
        String payload = message.get(2).toString();
        CoreDataMessage parsed;
        try {
            parsed = CoreDataMessage.parse(payload);
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring bad core-data message ({}): {}", e.getMessage(), abbreviate(payload));
            return false;
        }
        switch (parsed) {
            case CoreDataMessage.Upsert u -> changes.upserted(u.campaign());
            case CoreDataMessage.Deletion d -> changes.deleted(d.campaignId());
        }
        return true;
    }

    @Override
    public String activeState() {
        return "subscribed";
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
