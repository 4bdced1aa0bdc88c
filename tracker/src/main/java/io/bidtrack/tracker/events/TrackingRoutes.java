package io.bidtrack.tracker.events;

import io.bidtrack.common.proto.EventType;
import io.bidtrack.common.web.Responses;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.Base64;
import java.util.Map;

/**
 * The tracking endpoints: {@code GET /t/imp} (1x1 GIF), {@code GET /t/click} (302 to the
 * campaign's landing page), {@code GET /t/win}, {@code GET /t/bill} and {@code GET|POST /t/install}
 * (204). Each call is checked, admitted (or refused with 503 while the event buffer is full),
 * answered, and only then attributed, so the client never waits for a lookup (except a click that
 * does not name its campaign, see {@link ClickRedirect}).
 */
public final class TrackingRoutes {
    private static final Buffer PIXEL = Buffer.buffer(Base64.getDecoder().decode(
            "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"));
    private static final Map<String, EventType> EVENTS = Map.of(
            "imp", EventType.IMPRESSION, "click", EventType.CLICK, "win", EventType.WIN,
            "bill", EventType.BILLING, "install", EventType.INSTALL);
    /** Asks a refused client to come back soon: the buffer drains as fast as Kafka acknowledges. */
    private static final String RETRY_AFTER_SECONDS = "1";

    private final Attributor attributor;
    private final EventAdmission admission;
    private final EventMetrics metrics;
    private final ClickRedirect clicks;

    public TrackingRoutes(Attributor attributor, EventAdmission admission, EventMetrics metrics, ClickRedirect clicks) {
        this.attributor = attributor;
        this.admission = admission;
        this.metrics = metrics;
        this.clicks = clicks;
    }

    public void install(Router router) {
        router.get("/t/:event").handler(this::track);
        // Postbacks from attribution partners may POST a form or JSON; the body is bounded (413).
        router.post("/t/install").handler(BodyHandler.create(false).setBodyLimit(TrackRequest.MAX_BODY_BYTES))
                .handler(ctx -> handle(ctx, EventType.INSTALL));
    }

    private void track(RoutingContext ctx) {
        String name = ctx.pathParam("event");
        EventType type = EVENTS.get(name);
        if (type == null) {
            Responses.error(ctx, 404, "unknown event '" + name + "' (imp, click, win, bill, install)", "event");
            return;
        }
        handle(ctx, type);
    }

    private void handle(RoutingContext ctx, EventType type) {
        TrackRequest request;
        try {
            request = TrackRequest.parse(ctx, type, System.currentTimeMillis(), System.nanoTime());
        } catch (TrackRequest.BadInput e) {
            Responses.error(ctx, e.status(), e.getMessage(), e.field());
            return;
        }
        if (!admission.tryAdmit()) {
            metrics.rejected(type);
            ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
            Responses.error(ctx, 503, "tracking-events buffer is full (Kafka is slow or away): retry later");
            return;
        }
        switch (type) {
            case IMPRESSION -> {
                ctx.response().putHeader("Content-Type", "image/gif").putHeader("Cache-Control", "no-store").end(PIXEL);
                attributor.attribute(request, null);
            }
            case CLICK -> clicks.redirect(ctx, request);
            default -> {
                ctx.response().setStatusCode(204).end();
                attributor.attribute(request, null);
            }
        }
    }
}
