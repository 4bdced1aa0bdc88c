package io.bidtrack.tracker.events;

import io.bidtrack.common.coredata.CampaignCache;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.common.proto.EventType;
import io.bidtrack.common.web.Responses;
import io.bidtrack.tracker.lookup.BidLocator;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;

/**
 * {@code GET /t/{event}?id=<bid id>}: imp (1x1 GIF), click (302 to the campaign's landing page),
 * win, bill, install (204). The client is answered before attribution, which runs afterwards; a
 * malformed id is a 400 and no event.
 */
public final class TrackingRoutes {
    private static final Buffer PIXEL = Buffer.buffer(Base64.getDecoder().decode(
            "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"));
    private static final Map<String, EventType> EVENTS = Map.of(
            "imp", EventType.IMPRESSION, "click", EventType.CLICK, "win", EventType.WIN,
            "bill", EventType.BILLING, "install", EventType.INSTALL);

    private final Attributor attributor;
    private final BidLocator locator;
    private final CampaignCache campaigns;

    public TrackingRoutes(Attributor attributor, BidLocator locator, CampaignCache campaigns) {
        this.attributor = attributor;
        this.locator = locator;
        this.campaigns = campaigns;
    }

    public void install(Router router) {
        router.get("/t/:event").handler(this::track);
    }

    private void track(RoutingContext ctx) {
        long receivedAt = System.currentTimeMillis();
        String name = ctx.pathParam("event");
        EventType type = EVENTS.get(name);
        if (type == null) {
            Responses.error(ctx, 404, "unknown event '" + name + "' (imp, click, win, bill, install)", "event");
            return;
        }
        UUID id;
        try {
            id = BidId.parse(ctx.request().getParam("id"));
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, e.getMessage(), "id");
            return;
        }
        switch (type) {
            case IMPRESSION -> {
                ctx.response().putHeader("Content-Type", "image/gif").putHeader("Cache-Control", "no-store").end(PIXEL);
                attributor.attribute(id, type, receivedAt, OptionalDouble.empty());
            }
            case CLICK -> click(ctx, id, receivedAt);
            default -> {
                ctx.response().setStatusCode(204).end();
                attributor.attribute(id, type, receivedAt, price(ctx.request().getParam("price")));
            }
        }
    }

    /**
     * The landing page always comes from the campaign (L1), never from the request, so the tracker
     * is no open redirect. The click URL names the campaign ({@code c}), which lets the redirect go
     * out at once; without it the bid is looked up first and the same lookup attributes the click.
     */
    private void click(RoutingContext ctx, UUID id, long receivedAt) {
        Optional<Campaign> named = Optional.ofNullable(ctx.request().getParam("c")).flatMap(campaigns::get).filter(Campaign::active);
        if (named.isPresent()) {
            redirect(ctx, named.get().landingUrl());
            attributor.attribute(id, EventType.CLICK, receivedAt, OptionalDouble.empty());
            return;
        }
        locator.locate(id).onSuccess(located -> {
            Optional<String> landing = located.bid().map(bid -> campaigns.get(bid.getCampaignId())
                    .map(Campaign::landingUrl).orElse(bid.getLandingUrl()));
            if (landing.isPresent() && !landing.get().isEmpty()) {
                redirect(ctx, landing.get());
            } else {
                Responses.error(ctx, located.failed() ? 503 : 404, "no landing page: " + located.reason(), "id");
            }
            attributor.emit(id, EventType.CLICK, receivedAt, OptionalDouble.empty(), located);
        });
    }

    private static void redirect(RoutingContext ctx, String url) {
        ctx.response().setStatusCode(302).putHeader("Location", url).putHeader("Cache-Control", "no-store").end();
    }

    /** The clearing price of a win or billing notice; an unreplaced macro or garbage is ignored. */
    static OptionalDouble price(String text) {
        if (text == null || text.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double p = Double.parseDouble(text);
            return Double.isFinite(p) && p >= 0 ? OptionalDouble.of(p) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
