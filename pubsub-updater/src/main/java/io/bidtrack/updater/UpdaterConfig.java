package io.bidtrack.updater;

import io.bidtrack.common.config.Env;

/**
 * The updater's settings.
 *
 * @param httpPort admin API port ({@code http.port}, default 8082; 0 picks a free one)
 * @param redisUrl the hot store ({@code redis.url}, default redis://127.0.0.1:6379)
 */
public record UpdaterConfig(int httpPort, String redisUrl) {
    public static final int DEFAULT_HTTP_PORT = 8082;
    public static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

    public static UpdaterConfig fromEnv(Env env) {
        return new UpdaterConfig(env.integer("http.port", DEFAULT_HTTP_PORT), env.string("redis.url", DEFAULT_REDIS_URL));
    }
}
