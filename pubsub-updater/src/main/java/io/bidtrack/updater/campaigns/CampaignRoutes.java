package io.bidtrack.updater.campaigns;

import io.bidtrack.common.Names;
import io.bidtrack.common.coredata.CampaignStore;
import io.bidtrack.common.coredata.CoreDataMessage;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.common.web.Responses;
import io.bidtrack.updater.UpdaterMetrics;
import io.bidtrack.updater.consumer.AppliedOffsets;
import io.bidtrack.updater.kafka.CoreDataProducer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The admin API for campaigns. A write is validated here, then produced to Kafka {@code core-data}
 * (key = id) like any other core-data change, so there is one path into the store and one order of
 * changes per campaign. The answer waits until this instance's consumer has applied the record:
 * 200 (PUT) or 204 (DELETE) then; 202 when that takes longer than {@code apply.timeout} (the
 * partition may belong to another instance of the group, or the store is down); 503 when Kafka does
 * not take the record.
 */
public final class CampaignRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignRoutes.class);
    /** A campaign is a few hundred bytes; anything near this limit is not one. */
    static final long BODY_LIMIT = 64 * 1024;

    private final CampaignStore store;
    private final CoreDataProducer producer;
    private final AppliedOffsets applied;
    private final Duration applyTimeout;
    private final UpdaterMetrics metrics;

    public CampaignRoutes(CampaignStore store, CoreDataProducer producer, AppliedOffsets applied,
                          Duration applyTimeout, UpdaterMetrics metrics) {
        this.store = store;
        this.producer = producer;
        this.applied = applied;
        this.applyTimeout = applyTimeout;
        this.metrics = metrics;
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
        JsonObject document = campaign.toJson();
        produce(ctx, campaign.id(), CoreDataMessage.upsert(campaign), document,
                () -> Responses.json(ctx, 200, document));
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

    /**
     * 404 for an id the store does not hold, checked before producing: a deletion of nothing
     * would otherwise travel through Kafka and be published to every cache for no reason.
     */
    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        store.exists(id).onComplete(ar -> {
            if (ar.failed()) {
                storeUnavailable(ctx, ar.cause());
            } else if (!ar.result()) {
                Responses.error(ctx, 404, "no campaign " + id, "id");
            } else {
                produce(ctx, id, CoreDataMessage.deletion(id), new JsonObject().put("id", id).put("deleted", true),
                        () -> ctx.response().setStatusCode(204).end());
            }
        });
    }

    /** Produces the document, waits for this instance to apply it, then answers with {@code appliedHere}, or 202. */
    private void produce(RoutingContext ctx, String id, String message, JsonObject document, Runnable appliedHere) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Names.CORE_DATA_TOPIC, id,
                message.getBytes(StandardCharsets.UTF_8));
        producer.send(record).onComplete(sent -> {
            if (sent.failed()) {
                metrics.adminUnavailable.increment();
                LOG.warn("campaign {} not produced to {}: {}", id, Names.CORE_DATA_TOPIC, sent.cause().toString());
                Responses.error(ctx, 503, "kafka is unavailable, the change was not accepted; retry later ("
                        + sent.cause().getMessage() + ")");
                return;
            }
            RecordMetadata at = sent.result();
            applied.await(at.partition(), at.offset(), applyTimeout).onSuccess(done -> {
                if (done) {
                    metrics.adminApplied.increment();
                    appliedHere.run();
                } else {
                    metrics.adminAccepted.increment();
                    Responses.json(ctx, 202, new JsonObject()
                            .put("campaign", document)
                            .put("topic", at.topic()).put("partition", at.partition()).put("offset", at.offset())
                            .put("note", "accepted on " + at.topic() + " but not applied by this instance within "
                                    + applyTimeout.toMillis() + " ms (another updater may own the partition, or the"
                                    + " store is away); it will be applied, GET to see when"));
                }
            });
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
