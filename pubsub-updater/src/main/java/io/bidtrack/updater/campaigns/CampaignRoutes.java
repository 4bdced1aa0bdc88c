package io.bidtrack.updater.campaigns;

import io.bidtrack.common.coredata.CampaignStore;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.common.web.Responses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API for campaigns. A write goes to the store first and is published second
 * ({@link CampaignStore#save}), so a service that misses the push still reads the new state on
 * its next resync.
 */
public final class CampaignRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignRoutes.class);
    /** A campaign is a few hundred bytes; anything near this limit is not one. */
    static final long BODY_LIMIT = 64 * 1024;

    private final CampaignStore store;
    private final Counter published;

    public CampaignRoutes(CampaignStore store, MeterRegistry registry) {
        this.store = store;
        this.published = Counter.builder("bidtrack_updater_campaigns_published")
                .description("campaign upserts and deletions written and published").register(registry);
    }

    public void install(Router router) {
        router.put("/campaigns/:id").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(this::put);
        router.get("/campaigns/:id").handler(this::get);
        router.delete("/campaigns/:id").handler(this::delete);
    }

    private void put(RoutingContext ctx) {
        String pathId = ctx.pathParam("id");
        Campaign campaign;
        try {
            JsonObject json = parseObject(ctx);
            Object bodyId = json.getValue("id");
            if (bodyId != null && !pathId.equals(bodyId)) {
                Responses.error(ctx, 400, "id in the body (" + bodyId + ") differs from the id in the path (" + pathId + ")", "id");
                return;
            }
            campaign = Campaign.fromJson(json.copy().put("id", pathId));
        } catch (Campaign.InvalidCampaignException e) {
            Responses.error(ctx, 400, e.getMessage(), e.field());
            return;
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, e.getMessage(), "body");
            return;
        }
        store.save(campaign).onComplete(ar -> {
            if (ar.succeeded()) {
                published.increment();
                LOG.info("campaign {} saved and published", campaign.id());
                Responses.json(ctx, 200, campaign.toJson());
            } else {
                storeUnavailable(ctx, ar.cause());
            }
        });
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        store.load(id).onComplete(ar -> {
            if (ar.failed()) {
                storeUnavailable(ctx, ar.cause());
            } else if (ar.result().isPresent()) {
                Responses.json(ctx, 200, ar.result().get().toJson());
            } else {
                Responses.error(ctx, 404, "no campaign " + id, "id");
            }
        });
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        store.delete(id).onComplete(ar -> {
            if (ar.failed()) {
                storeUnavailable(ctx, ar.cause());
            } else if (ar.result()) {
                published.increment();
                LOG.info("campaign {} deleted and published", id);
                ctx.response().setStatusCode(204).end();
            } else {
                Responses.error(ctx, 404, "no campaign " + id, "id");
            }
        });
    }

    private static JsonObject parseObject(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().length() == 0) {
            throw new IllegalArgumentException("the body must be a campaign JSON object");
        }
        try {
            return ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
    }

    private static void storeUnavailable(RoutingContext ctx, Throwable cause) {
        LOG.warn("hot store request failed: {}", cause.toString());
        Responses.error(ctx, 503, "the store is unavailable, retry later");
    }
}
