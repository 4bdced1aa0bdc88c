package io.bidtrack.updater;

import io.bidtrack.engine.testing.RedisServerProcess;

/** Every {@link UpdaterServiceTest} case against a real redis-server, the reference for the engine. */
class UpdaterServiceOnRedisServerTest extends UpdaterServiceTest {
    private RedisServerProcess redisServer;

    @Override
    String startStore() {
        redisServer = RedisServerProcess.start();
        return "redis://127.0.0.1:" + redisServer.port();
    }

    @Override
    void stopStore() {
        redisServer.close();
    }
}
