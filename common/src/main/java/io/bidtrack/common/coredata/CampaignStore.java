package io.bidtrack.common.coredata;

import io.bidtrack.common.Names;
import io.bidtrack.common.model.Campaign;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Campaigns as they rest in the hot store: one hash {@code campaign:{id}} each. The updater writes
 * through it (an atomic write, then a publish on {@code core-data}); the L1 caches read through it at start,
 * on refresh and on resync. Everything is non-blocking, on a client the caller owns.
 */
public final class CampaignStore {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignStore.class);
    private static final int SCAN_COUNT = 500;

    private final Redis redis;

    public CampaignStore(Redis redis) {
        this.redis = redis;
    }

    /** The campaign stored under {@code campaign:{id}}; empty when absent (or unreadable, logged). */
    public Future<Optional<Campaign>> load(String id) {
        return redis.send(Request.cmd(Command.HGETALL).arg(Names.campaignKey(id))).map(CampaignStore::toCampaign);
    }

    /** Every stored campaign, by SCAN over {@code campaign:*} and one pipelined HGETALL per page. */
    public Future<List<Campaign>> loadAll() {
        return scanFrom("0", new ArrayList<>());
    }

    private Future<List<Campaign>> scanFrom(String cursor, List<Campaign> into) {
        Request scan = Request.cmd(Command.SCAN).arg(cursor)
                .arg("MATCH").arg(Names.CAMPAIGN_KEY_PREFIX + "*").arg("COUNT").arg(SCAN_COUNT);
        return redis.send(scan).compose(page -> {
            String next = page.get(0).toString();
            List<Request> reads = new ArrayList<>();
            for (Response key : page.get(1)) {
                reads.add(Request.cmd(Command.HGETALL).arg(key.toString()));
            }
            Future<List<Response>> hashes = reads.isEmpty() ? Future.succeededFuture(List.of()) : redis.batch(reads);
            return hashes.compose(list -> {
                list.forEach(h -> toCampaign(h).ifPresent(into::add));
                return "0".equals(next) ? Future.succeededFuture(into) : scanFrom(next, into);
            });
        });
    }

    /**
     * Replaces the campaign's hash, then tells every subscribed cache; completes after both.
     * <p>
     * The hash is replaced, not merged: {@code MULTI / DEL / HSET / EXEC} on one connection, so a
     * field the new version no longer has (an optional targeting list, a flight date) does not
     * linger, and no reader ever sees the key missing or half written. Writing the same campaign
     * twice gives the same state, so a redelivered Kafka record is harmless.
     */
    public Future<Void> save(Campaign campaign) {
        String key = Names.campaignKey(campaign.id());
        Request hset = Request.cmd(Command.HSET).arg(key);
        campaign.toHash().forEach((field, value) -> hset.arg(field).arg(value));
        List<Request> transaction = List.of(Request.cmd(Command.MULTI), Request.cmd(Command.DEL).arg(key), hset,
                Request.cmd(Command.EXEC));
        // A transaction needs one connection for all four commands; a pooled send might not.
        return redis.connect()
                .compose(conn -> conn.batch(transaction).eventually(conn::close))
                .compose(CampaignStore::requireExecuted)
                .compose(ok -> publish(CoreDataMessage.upsert(campaign)));
    }

    /** EXEC answers null when the transaction was aborted; anything but an array is a failure. */
    private static Future<Void> requireExecuted(List<Response> replies) {
        Response exec = replies.getLast();
        if (exec == null || exec.size() < 2) {
            return Future.failedFuture(new IllegalStateException("the campaign transaction was not executed: " + exec));
        }
        return Future.succeededFuture();
    }

    /** Whether {@code campaign:{id}} exists. */
    public Future<Boolean> exists(String id) {
        return redis.send(Request.cmd(Command.EXISTS).arg(Names.campaignKey(id))).map(r -> r.toInteger() > 0);
    }

    /** Deletes the campaign and tells every subscribed cache; true when it existed. */
    public Future<Boolean> delete(String id) {
        return redis.send(Request.cmd(Command.DEL).arg(Names.campaignKey(id)))
                .compose(removed -> publish(CoreDataMessage.deletion(id)).map(v -> removed.toInteger() > 0));
    }

    private Future<Void> publish(String message) {
        return redis.send(Request.cmd(Command.PUBLISH).arg(Names.CORE_DATA_CHANNEL).arg(message)).mapEmpty();
    }

    private static Optional<Campaign> toCampaign(Response hash) {
        Map<String, String> fields = asMap(hash);
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Campaign.fromHash(fields));
        } catch (IllegalArgumentException e) {
            // One bad hash must not keep the others out of the cache.
            LOG.warn("skipping unreadable campaign hash {}: {}", fields.get("id"), e.getMessage());
            return Optional.empty();
        }
    }

    /** HGETALL is a map in RESP3 and a flat field/value array in RESP2. */
    static Map<String, String> asMap(Response response) {
        Map<String, String> map = new HashMap<>();
        if (response == null) {
            return map;
        }
        if (response.isMap()) {
            for (String key : response.getKeys()) {
                map.put(key, response.get(key).toString());
            }
        } else {
            for (int i = 0; i + 1 < response.size(); i += 2) {
                map.put(response.get(i).toString(), response.get(i + 1).toString());
            }
        }
        return map;
    }
}
