package io.bidtrack.common.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What {@code /ready} checks: named dependency checks, each a future that succeeds (its value, if
 * any, is shown as the detail) or fails (its message is shown). The service is ready when every
 * check succeeds within {@link #TIMEOUT_MS}. Liveness ({@code /health}) is separate and checks
 * nothing but that the service answers.
 */
public final class Readiness {
    static final long TIMEOUT_MS = 2000;
    private final Map<String, Supplier<Future<?>>> checks = new LinkedHashMap<>();

    /** Adds a check; for a condition without I/O, use {@link #condition}. */
    public Readiness check(String name, Supplier<Future<?>> check) {
        checks.put(name, check);
        return this;
    }

    /** A check that is a plain condition, with a detail for either outcome. */
    public Readiness condition(String name, Supplier<Boolean> ok, Supplier<String> detail) {
        return check(name, () -> ok.get() ? Future.succeededFuture(detail.get())
                : Future.failedFuture(detail.get()));
    }

    /** {"status":"UP"|"DOWN","checks":{"hotStore":{"status":"UP","detail":"PONG"},...}} */
    public Future<JsonObject> evaluate() {
        List<String> names = new ArrayList<>(checks.keySet());
        List<Future<?>> running = new ArrayList<>();
        for (String name : names) {
            Future<?> f;
            try {
                f = checks.get(name).get();
            } catch (RuntimeException e) {
                f = Future.failedFuture(e);
            }
            running.add(f.timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        }
        return Future.join(running).transform(ignored -> {
            JsonObject details = new JsonObject();
            boolean up = true;
            for (int i = 0; i < names.size(); i++) {
                Future<?> f = running.get(i);
                JsonObject one = new JsonObject().put("status", f.succeeded() ? "UP" : "DOWN");
                if (f.succeeded() && f.result() != null) {
                    one.put("detail", f.result().toString());
                } else if (f.failed()) {
                    one.put("detail", String.valueOf(f.cause().getMessage()));
                }
                up &= f.succeeded();
                details.put(names.get(i), one);
            }
            return Future.succeededFuture(new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", details));
        });
    }
}
