package io.bidtrack.bidder.store;

import io.bidtrack.bidder.pacing.DailySpend;
import io.bidtrack.common.Names;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The hot tier's write side, one pipelined batch per bid:
 * <pre>
 * SET bid:{id} &lt;BidRecord protobuf&gt; PX &lt;hot window + margin&gt;
 * INCRBY spend:{campaign}:{yyyy-MM-dd} &lt;price in micro-USD&gt;
 * </pre>
 * One round trip for both, so counting spend costs no latency, and the counter moves with the
 * bids actually stored. The value goes as raw bytes (a Buffer), so the protobuf survives binary-safe.
 * The day's counter gets its expiry once, by the bid whose INCRBY created it (the reply equals its
 * own price), rather than an EXPIRE with every bid.
 */
public final class BidStore {
    private final Redis redis;
    private final long ttlMillis;
    private final long timeoutMs;

    /**
     * @param timeout a write the store has not acknowledged by then is given up (the bid becomes a
     *                no-bid): an exchange waits ~100 ms for the whole answer, and a dead connection
     *                must not hold requests
     */
    public BidStore(Redis redis, Duration ttl, Duration timeout) {
        this.redis = redis;
        this.ttlMillis = ttl.toMillis();
        this.timeoutMs = timeout.toMillis();
    }

    /** Stores the bid and counts its spend; completes with the day's counter after the increment. */
    public Future<Long> put(String bidId, byte[] record, String campaignId, long epochDay, long priceMicros) {
        String spendKey = DailySpend.key(campaignId, epochDay);
        return redis.batch(List.of(
                        Request.cmd(Command.SET).arg(Names.bidKey(bidId)).arg(Buffer.buffer(record)).arg("PX").arg(ttlMillis),
                        Request.cmd(Command.INCRBY).arg(spendKey).arg(priceMicros)))
                .timeout(timeoutMs, TimeUnit.MILLISECONDS)
                .compose(replies -> {
                    if (replies.get(0) == null || !"OK".equals(replies.get(0).toString())) {
                        throw new IllegalStateException("SET bid:" + bidId + " answered " + replies.get(0));
                    }
                    long spent = replies.get(1).toLong();
                    if (spent != priceMicros) {
                        return Future.succeededFuture(spent);
                    }
                    // This bid created the day's counter (or a restarted store lost it): give it its expiry.
                    return redis.send(Request.cmd(Command.EXPIRE).arg(spendKey).arg(DailySpend.KEY_TTL_SECONDS))
                            .timeout(timeoutMs, TimeUnit.MILLISECONDS)
                            .map(ignored -> spent);
                });
    }
}
