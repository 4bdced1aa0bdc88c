package io.bidtrack.common.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One port, served from several event loops: new connections are spread over them. */
class HttpEndpointTest {
    @Test
    void twoEndpointsOnFreePortsGetDifferentPorts() {
        Vertx vertx = Vertx.vertx();
        try {
            HttpEndpoint a = HttpEndpoint.listen(vertx, new HttpServerOptions(), req -> req.response().end("a"), 0, 2).await();
            HttpEndpoint b = HttpEndpoint.listen(vertx, new HttpServerOptions(), req -> req.response().end("b"), 0, 2).await();
            assertTrue(a.port() != b.port(), a.port() + " = " + b.port());
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void connectionsToAFreePortAreServedByEveryEventLoop() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            HttpEndpoint endpoint = HttpEndpoint.listen(vertx, new HttpServerOptions(), req -> {
                threads.add(Thread.currentThread().getName());
                req.response().end("ok");
            }, 0, 2).await();
            assertTrue(endpoint.port() > 0);
            for (int i = 0; i < 8; i++) {
                // A new client per request: a new connection, handed to the next server.
                try (HttpClient http = HttpClient.newHttpClient()) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals("ok", r.body());
                }
            }
            assertEquals(2, threads.size(), "event loops that served: " + threads);
            endpoint.close().await();
            try (HttpClient http = HttpClient.newHttpClient()) {
                assertThrows(java.io.IOException.class, () -> http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + endpoint.port() + "/")).build(), HttpResponse.BodyHandlers.ofString()));
            }
        } finally {
            vertx.close().await();
        }
    }
}
