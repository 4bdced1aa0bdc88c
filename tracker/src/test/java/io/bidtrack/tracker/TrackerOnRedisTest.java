package io.bidtrack.tracker;

import io.bidtrack.engine.testing.RedisServerProcess;

/** The same cases on a real redis-server: the tracker must not depend on engine quirks. */
class TrackerOnRedisTest extends TrackerContract {
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
