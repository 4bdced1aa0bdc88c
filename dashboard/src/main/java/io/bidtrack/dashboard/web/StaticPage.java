package io.bidtrack.dashboard.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page itself: plain HTML, CSS and JavaScript from this module's resources ({@code dashboard/}),
 * no build step. Read once at start, on a worker thread, and served from memory.
 */
public final class StaticPage {
    /** A file of the page: where it is served, the resource it comes from, its content type. */
    private record Asset(String path, String resource, String contentType) {
    }

    private static final List<Asset> ASSETS = List.of(
            new Asset("/", "dashboard/index.html", "text/html; charset=utf-8"),
            new Asset("/dashboard.css", "dashboard/dashboard.css", "text/css; charset=utf-8"),
            new Asset("/dashboard.js", "dashboard/dashboard.js", "text/javascript; charset=utf-8"));

    private final Map<Asset, Buffer> bodies;

    private StaticPage(Map<Asset, Buffer> bodies) {
        this.bodies = bodies;
    }

    public static Future<StaticPage> load(Vertx vertx) {
        return vertx.executeBlocking(() -> {
            Map<Asset, Buffer> bodies = new LinkedHashMap<>();
            for (Asset asset : ASSETS) {
                bodies.put(asset, Buffer.buffer(read(asset.resource())));
            }
            return new StaticPage(bodies);
        });
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticPage.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the dashboard's classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }

    public void install(Router router) {
        bodies.forEach((asset, body) -> router.get(asset.path()).handler(ctx -> ctx.response()
                .putHeader("Content-Type", asset.contentType())
                .putHeader("Cache-Control", "no-cache")
                // The page loads nothing from elsewhere and runs no inline script.
                .putHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(body)));
    }
}
