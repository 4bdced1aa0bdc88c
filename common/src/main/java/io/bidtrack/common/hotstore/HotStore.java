package io.bidtrack.common.hotstore;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;

import java.util.concurrent.TimeUnit;

/**
 * How the services reach the hot store (the bundled engine, or any Redis or Valkey at the same URL):
 * a pipelined client for the request path, a pooled one for occasional work, and the PING their
 * {@code /ready} checks.
 */
public final class HotStore {
    private HotStore() {
    }

    /**
     * A pooled client. The waiting queue is generous on purpose: a burst of requests waits for a
     * connection rather than failing, while the pool bounds the connections each service opens.
     */
    public static Redis pooledClient(Vertx vertx, String redisUrl, int poolSize) {
        return Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl)
                .setMaxPoolSize(poolSize).setMaxPoolWaiting(4096).setMaxWaitingHandlers(8192));
    }

    /**
     * The request path's client: commands pipelined on {@code connections} long-lived connections
     * (see {@link PipelinedRedis}).
     */
    public static Redis pipelinedClient(Vertx vertx, String redisUrl, int connections) {
        return new PipelinedRedis(vertx, redisUrl, connections);
    }

    /** Succeeds when the store answers PING within a second. */
    public static Future<?> ping(Redis redis) {
        return redis.send(Request.cmd(Command.PING)).timeout(1, TimeUnit.SECONDS);
    }
}
