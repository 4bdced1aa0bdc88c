package io.bidtrack.tracker.lookup;

import com.google.protobuf.InvalidProtocolBufferException;
import io.bidtrack.common.Names;
import io.bidtrack.common.proto.BidRecord;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The hot tier: {@code GET bid:{id}} on the engine, the value a BidRecord protobuf. */
public final class RedisHotLookup implements HotLookup {
    /** A hot lookup not answered by then counts as failed, and the bid is looked for cold. */
    static final long TIMEOUT_MS = 1000;
    private final Redis redis;

    public RedisHotLookup(Redis redis) {
        this.redis = redis;
    }

    @Override
    public Future<Optional<Found>> find(UUID id) {
        return redis.send(Request.cmd(Command.GET).arg(Names.bidKey(id.toString())))
                .timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS).compose(value -> {
            if (value == null) {
                return Future.succeededFuture(Optional.empty());
            }
            byte[] encoded = value.toBytes();
            try {
                return Future.succeededFuture(Optional.of(new Found(BidRecord.parseFrom(encoded), encoded)));
            } catch (InvalidProtocolBufferException e) {
                return Future.failedFuture(new IllegalStateException("bid " + id + " in the hot store is not a BidRecord", e));
            }
        });
    }
}
