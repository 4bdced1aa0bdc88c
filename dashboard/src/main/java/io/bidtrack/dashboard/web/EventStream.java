package io.bidtrack.dashboard.web;

import io.bidtrack.common.web.Responses;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /events}: Server-Sent Events, one {@code data: <snapshot JSON>} message per poll. A
 * new client gets the latest snapshot at once. A client that does not keep up (its connection's
 * write queue is full) misses snapshots until it catches up, rather than making the dashboard
 * buffer them: the next one carries everything anyway. At most {@code maxClients} streams are open
 * at once (each holds a connection and its buffers); one more gets a 503.
 */
public final class EventStream {
    /** Tells the browser how long to wait before it reconnects after the stream broke. */
    private static final long RETRY_MS = 2000;
    private final Set<HttpServerResponse> clients = ConcurrentHashMap.newKeySet();
    private final int maxClients;

    public EventStream(int maxClients) {
        if (maxClients < 1) {
            throw new IllegalArgumentException("maxClients must be >= 1, got " + maxClients);
        }
        this.maxClients = maxClients;
    }

    /** Handles a new client; {@code latest} is null before the first poll. */
    public void open(RoutingContext ctx, JsonObject latest) {
        if (clients.size() >= maxClients) {
            Responses.error(ctx, 503, "too many dashboard streams open (at most " + maxClients + "); try again later");
            return;
        }
        HttpServerResponse response = ctx.response();
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no"); // a proxy in front must not hold the stream back
        clients.add(response);
        response.closeHandler(v -> clients.remove(response));
        response.exceptionHandler(e -> clients.remove(response));
        response.write("retry: " + RETRY_MS + "\n\n");
        if (latest != null) {
            send(response, message(latest));
        }
    }

    /** Sends the snapshot to every client that has room for it. */
    public void publish(JsonObject snapshot) {
        String message = message(snapshot);
        for (HttpServerResponse client : clients) {
            send(client, message);
        }
    }

    public int clients() {
        return clients.size();
    }

    /** Ends every stream (the dashboard is stopping). */
    public void closeAll() {
        for (HttpServerResponse client : clients) {
            clients.remove(client);
            if (!client.ended()) {
                client.end();
            }
        }
    }

    private void send(HttpServerResponse client, String message) {
        if (client.ended() || client.closed()) {
            clients.remove(client);
        } else if (!client.writeQueueFull()) {
            client.write(message);
        }
    }

    /** One SSE message; the JSON has no raw newline (Vert.x encodes compactly and escapes those in strings). */
    static String message(JsonObject snapshot) {
        return "data: " + snapshot.encode() + "\n\n";
    }
}
