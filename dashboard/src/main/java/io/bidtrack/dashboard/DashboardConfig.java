package io.bidtrack.dashboard;

import io.bidtrack.common.config.Env;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * The dashboard's settings, each read through {@link Env}: the BIDTRACK_* variable, else the config
 * file's line, else the default here.
 *
 * @param httpPort     the page's port ({@code http.port}, default 8083; 0 picks a free one)
 * @param bidderUrl    the bidder's base URL, whose {@code /metrics} is scraped
 *                     ({@code dashboard.bidder.url}, default http://127.0.0.1:8080)
 * @param trackerUrl   the tracker's ({@code dashboard.tracker.url}, default http://127.0.0.1:8081)
 * @param coldStoreUrl the cold store's ops port ({@code dashboard.coldstore.url}, default http://127.0.0.1:8084)
 * @param redisUrl     the hot store, asked INFO and DBSIZE ({@code redis.url}, default
 *                     redis://dashboard:dashboard-demo@127.0.0.1:6379: the stack's {@code dashboard}
 *                     user, which may run nothing else)
 * @param interval     how often every source is read and a snapshot sent ({@code dashboard.interval}, default 1s)
 */
public record DashboardConfig(int httpPort, String bidderUrl, String trackerUrl, String coldStoreUrl, String redisUrl,
                              Duration interval) {
    public static final int DEFAULT_HTTP_PORT = 8083;
    public static final String DEFAULT_BIDDER_URL = "http://127.0.0.1:8080";
    public static final String DEFAULT_TRACKER_URL = "http://127.0.0.1:8081";
    public static final String DEFAULT_COLDSTORE_URL = "http://127.0.0.1:8084";
    public static final String DEFAULT_REDIS_URL = "redis://dashboard:dashboard-demo@127.0.0.1:6379";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    static final Duration MAX_INTERVAL = Duration.ofMinutes(1);

    static final String HTTP_PORT = "http.port";
    static final String BIDDER_URL = "dashboard.bidder.url";
    static final String TRACKER_URL = "dashboard.tracker.url";
    static final String COLDSTORE_URL = "dashboard.coldstore.url";
    static final String REDIS_URL = "redis.url";
    static final String INTERVAL = "dashboard.interval";

    public DashboardConfig {
        require(httpPort >= 0 && httpPort <= 65535, HTTP_PORT, "must be 0 to 65535, got " + httpPort);
        bidderUrl = httpUrl(BIDDER_URL, bidderUrl);
        trackerUrl = httpUrl(TRACKER_URL, trackerUrl);
        coldStoreUrl = httpUrl(COLDSTORE_URL, coldStoreUrl);
        require(redisUrl != null && (redisUrl.startsWith("redis://") || redisUrl.startsWith("rediss://")), REDIS_URL,
                "must be a redis:// or rediss:// URL, got '" + redisUrl + "'");
        require(interval != null && interval.compareTo(MIN_INTERVAL) >= 0 && interval.compareTo(MAX_INTERVAL) <= 0, INTERVAL,
                "must be 100ms to 1m, got " + interval);
    }

    /**
     * Reads every setting.
     *
     * @throws IllegalArgumentException naming the variable of the first bad setting
     */
    public static DashboardConfig fromEnv(Env env) {
        Duration interval;
        try {
            interval = env.duration(INTERVAL, DEFAULT_INTERVAL);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Env.variableName(INTERVAL) + ": " + e.getMessage(), e);
        }
        return new DashboardConfig(
                env.integer(HTTP_PORT, DEFAULT_HTTP_PORT),
                env.string(BIDDER_URL, DEFAULT_BIDDER_URL),
                env.string(TRACKER_URL, DEFAULT_TRACKER_URL),
                env.string(COLDSTORE_URL, DEFAULT_COLDSTORE_URL),
                env.string(REDIS_URL, DEFAULT_REDIS_URL),
                interval);
    }

    /** An http(s) URL with a host, without a trailing slash (paths are appended to it). */
    private static String httpUrl(String key, String value) {
        require(value != null, key, "must be set");
        try {
            URI uri = new URI(value);
            require(("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null, key,
                    "must be an http:// or https:// URL with a host, got '" + value + "'");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(Env.variableName(key) + " must be an http:// or https:// URL, got '" + value
                    + "': " + e.getMessage(), e);
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    private static void require(boolean ok, String key, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(Env.variableName(key) + " (" + key + ") " + rule);
        }
    }
}
