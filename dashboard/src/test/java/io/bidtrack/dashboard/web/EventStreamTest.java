package io.bidtrack.dashboard.web;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /events} over real HTTP: the latest snapshot at once, then each published one; a bounded number of streams. */
class EventStreamTest {
    private Vertx vertx;
    private HttpServer server;
    private HttpClient client;
    private final EventStream stream = new EventStream(2);

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.get("/events").handler(ctx -> stream.open(ctx, new JsonObject().put("n", 1)));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        client = vertx.createHttpClient();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void eachClientGetsTheLatestSnapshotThenEveryPublishedOneUpToTheLimit() throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        HttpClientResponse one = follow(first, "\"n\":2");
        CompletableFuture<String> second = new CompletableFuture<>();
        follow(second, "\"n\":1");
        waitForClients(2);

        HttpClientResponse[] refused = new HttpClientResponse[1];
        String body = client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/events")
                .compose(request -> request.send())
                .compose(response -> {
                    refused[0] = response;
                    return response.body();
                })
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).toString();
        assertEquals(503, refused[0].statusCode());
        assertTrue(new JsonObject(body).getString("error").contains("at most 2"), body);

        stream.publish(new JsonObject().put("n", 2));
        String received = first.get(10, TimeUnit.SECONDS);
        assertTrue(received.startsWith("retry: 2000\n\ndata: {\"n\":1}\n\n"), "the latest snapshot first: " + received);
        assertTrue(received.contains("data: {\"n\":2}\n\n"), received);
        assertEquals("text/event-stream; charset=utf-8", one.getHeader("Content-Type"));

        // A client that leaves frees its place.
        one.request().connection().close();
        waitForClients(1);
        CompletableFuture<String> third = new CompletableFuture<>();
        follow(third, "\"n\":1");
        assertTrue(third.get(10, TimeUnit.SECONDS).contains("data: {\"n\":1}"));
    }

    /** Opens a stream whose text so far completes {@code received} once it contains {@code until}. */
    private HttpClientResponse follow(CompletableFuture<String> received, String until) throws Exception {
        StringBuilder text = new StringBuilder();
        HttpClientResponse response = client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/events")
                .compose(request -> request.send())
                .map(r -> {
                    // On the connection's event loop, before any chunk is handed on.
                    r.handler((Buffer chunk) -> {
                        text.append(chunk);
                        if (text.toString().contains(until)) {
                            received.complete(text.toString());
                        }
                    });
                    return r;
                })
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        return response;
    }

    private void waitForClients(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stream.clients() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, stream.clients());
    }
}
