package io.bidtrack.bidder.store;

import io.bidtrack.common.Names;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The hot tier's write side: {@code SET bid:{id} <BidRecord protobuf> PX <hot window + margin>}.
 * The value goes as raw bytes (a Buffer), so the protobuf survives binary-safe.
 */
public final class BidStore {
    /**
     * A write the engine has not acknowledged by then is given up (the bid becomes a no-bid): an
     * exchange waits ~100 ms for the whole answer, and a dead connection must not hold requests.
     */
    static final long TIMEOUT_MS = 250;
    private final Redis redis;
    private final long ttlMillis;

    public BidStore(Redis redis, Duration ttl) {
        this.redis = redis;
        this.ttlMillis = ttl.toMillis();
    }

    public Future<Void> put(String bidId, byte[] record) {
        return redis.send(Request.cmd(Command.SET).arg(Names.bidKey(bidId)).arg(Buffer.buffer(record))
                .arg("PX").arg(ttlMillis)).<Void>mapEmpty().timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }
}
