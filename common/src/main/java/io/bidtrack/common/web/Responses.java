package io.bidtrack.common.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The JSON answers of this service, so every error looks the same: {@code {"error": .., "field": ..}}. */
public final class Responses {
    private Responses() {
    }

    public static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    /** An error naming the problem and, when one is to blame, the offending field. */
    public static void error(RoutingContext ctx, int status, String message, String field) {
        JsonObject body = new JsonObject().put("error", message);
        if (field != null) {
            body.put("field", field);
        }
        json(ctx, status, body);
    }

    public static void error(RoutingContext ctx, int status, String message) {
        error(ctx, status, message, null);
    }
}
