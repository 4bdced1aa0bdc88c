package io.bidtrack.dashboard.sources;

import io.bidtrack.common.hotstore.HotStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The hot store, asked {@code INFO} and {@code DBSIZE} on one pooled connection: the only commands
 * the {@code dashboard} user of the stack's ACL file may run. The client reconnects by itself when
 * the store comes back.
 */
public final class EngineSource implements AutoCloseable {
    private final Redis redis;
    private final String displayUrl;
    private final long timeoutMs;

    public EngineSource(Vertx vertx, String redisUrl, Duration timeout) {
        this.redis = HotStore.pooledClient(vertx, redisUrl, 1);
        this.displayUrl = withoutPassword(redisUrl);
        this.timeoutMs = timeout.toMillis();
    }

    /** The store's URL as the page may show it: without its password. */
    public String url() {
        return displayUrl;
    }

    /** Never fails: a store that does not answer gives a reading that says why. */
    public Future<Reading<EngineFigures>> read() {
        return redis.batch(List.of(Request.cmd(Command.INFO), Request.cmd(Command.DBSIZE)))
                .timeout(timeoutMs, TimeUnit.MILLISECONDS)
                .map(replies -> Reading.of(figures(replies), System.nanoTime()))
                .recover(e -> Future.succeededFuture(Reading.down(e, System.nanoTime())));
    }

    private static EngineFigures figures(List<Response> replies) {
        return new EngineFigures(EngineFigures.parseInfo(replies.get(0).toString()), replies.get(1).toLong());
    }

    /** {@code redis://dashboard:secret@host:6379} → {@code redis://dashboard@host:6379}. */
    static String withoutPassword(String redisUrl) {
        try {
            URI uri = new URI(redisUrl);
            String user = uri.getUserInfo();
            if (user == null) {
                return redisUrl;
            }
            int colon = user.indexOf(':');
            String shown = colon < 0 ? user : user.substring(0, colon);
            return new URI(uri.getScheme(), shown.isEmpty() ? null : shown, uri.getHost(), uri.getPort(), uri.getPath(),
                    uri.getQuery(), null).toString();
        } catch (URISyntaxException e) {
            return "(a redis URL that does not parse)";
        }
    }

    @Override
    public void close() {
        redis.close();
    }
}
