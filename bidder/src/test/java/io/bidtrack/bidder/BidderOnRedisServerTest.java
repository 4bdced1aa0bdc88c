package io.bidtrack.bidder;

import io.bidtrack.engine.testing.RedisServerProcess;

/** The same behaviour on a real redis-server, the reference the engine must match. */
class BidderOnRedisServerTest extends BidderStoreContract {
    private RedisServerProcess redis;

    @Override
    String startStore() {
        redis = RedisServerProcess.start();
        return "redis://127.0.0.1:" + redis.port();
    }

    @Override
    void stopStore() {
        if (redis != null) {
            redis.close();
        }
    }
}
