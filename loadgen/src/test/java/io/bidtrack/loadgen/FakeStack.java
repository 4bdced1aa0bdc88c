package io.bidtrack.loadgen;

import io.bidtrack.common.Names;
import io.bidtrack.common.proto.EventType;
import io.bidtrack.common.proto.Tier;
import io.bidtrack.common.proto.TrackingEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

/**
 * A real HTTP bidder and tracker for the tests, on their own Vert.x instance and ephemeral ports.
 * The bidder answers by the request id's hash: about 1 in 10 gets 500, 2 in 10 get 204 (no bid),
 * the rest a bid with a fresh {@code bidid}. The tracker counts {@code /t/imp} hits and checks
 * that each id is one the bidder issued. Given a Kafka broker, it also emits a TrackingEvent per
 * event of an issued bid to tracking-events, as the real tracker does, except the ones a test asks
 * it to drop ({@link #dropNextImpression}).
 */
final class FakeStack implements AutoCloseable {
    final AtomicLong bidRequests = new AtomicLong();
    final AtomicLong invalidBidRequests = new AtomicLong();
    final AtomicLong bids = new AtomicLong();
    final AtomicLong noBids = new AtomicLong();
    final AtomicLong serverErrors = new AtomicLong();
    final AtomicLong impressions = new AtomicLong();
    final AtomicLong unknownImpressions = new AtomicLong();
    final AtomicLong wins = new AtomicLong();
    final AtomicLong clicks = new AtomicLong();
    final AtomicLong installs = new AtomicLong();
    /** Post-bid calls other than impressions whose id (or, for clicks, campaign) the bidder did not issue. */
    final AtomicLong unknownEvents = new AtomicLong();
    final Set<String> issuedBidIds = ConcurrentHashMap.newKeySet();
    final Set<String> trackedBidIds = ConcurrentHashMap.newKeySet();

    /** When each bid request reached the bidder (System.nanoTime), by the request's index in the run. */
    final Map<Long, Long> bidArrivalNanos = new ConcurrentHashMap<>();
    /** Set by a test: the bid requests (by index) whose answer the bidder holds back for {@link #holdMillis}. */
    volatile LongPredicate heldBids = i -> false;
    volatile long holdMillis;

    /** Set by a test: the next impression is answered but its TrackingEvent is never emitted. */
    final AtomicBoolean dropNextImpression = new AtomicBoolean();
    private final KafkaProducer<String, byte[]> events;
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer bidder;
    private final HttpServer tracker;

    FakeStack() throws Exception {
        this(null);
    }

    /** @param kafkaBootstrap where to emit TrackingEvents, or null for none */
    FakeStack(String kafkaBootstrap) throws Exception {
        events = kafkaBootstrap == null ? null : new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap),
                new StringSerializer(), new ByteArraySerializer());
        Router bidRouter = Router.router(vertx);
        bidRouter.post("/openrtb2/bid").handler(BodyHandler.create()).handler(this::bid);
        Router trackRouter = Router.router(vertx);
        trackRouter.get("/t/imp").handler(this::impression);
        trackRouter.get("/t/win").handler(ctx -> event(ctx, wins, 204));
        trackRouter.get("/t/click").handler(ctx -> event(ctx, clicks, 302));
        trackRouter.get("/t/install").handler(ctx -> event(ctx, installs, 204));
        bidder = await(vertx.createHttpServer().requestHandler(bidRouter).listen(0, "127.0.0.1"));
        tracker = await(vertx.createHttpServer().requestHandler(trackRouter).listen(0, "127.0.0.1"));
    }

    String bidderUrl() {
        return "http://127.0.0.1:" + bidder.actualPort();
    }

    String trackerUrl() {
        return "http://127.0.0.1:" + tracker.actualPort() + "/";
    }

    private void bid(RoutingContext ctx) {
        long arrival = System.nanoTime();
        bidRequests.incrementAndGet();
        JsonObject req;
        try {
            req = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            req = null;
        }
        JsonArray imps = req == null ? null : req.getJsonArray("imp");
        JsonObject device = req == null ? null : req.getJsonObject("device");
        if (imps == null || imps.isEmpty() || req.getString("id") == null
                || device == null || device.getJsonObject("geo").getString("country") == null) {
            invalidBidRequests.incrementAndGet();
            ctx.response().setStatusCode(400).end();
            return;
        }
        // The request id ends in the request's index as 12 hex digits (BidRequestFactory).
        String requestId = req.getString("id");
        long index = Long.parseLong(requestId.substring(requestId.length() - 12), 16);
        bidArrivalNanos.put(index, arrival);
        if (heldBids.test(index)) {
            JsonObject held = req;
            vertx.setTimer(holdMillis, t -> answerBid(ctx, held));
        } else {
            answerBid(ctx, req);
        }
    }

    private void answerBid(RoutingContext ctx, JsonObject req) {
        int bucket = Math.floorMod(req.getString("id").hashCode(), 10);
        if (bucket == 0) {
            serverErrors.incrementAndGet();
            ctx.response().setStatusCode(500).end();
        } else if (bucket <= 2) {
            noBids.incrementAndGet();
            ctx.response().setStatusCode(204).end();
        } else {
            String bidId = UUID.randomUUID().toString();
            issuedBidIds.add(bidId);
            bids.incrementAndGet();
            String imp = trackerUrl() + "t/imp?id=" + bidId;
            JsonObject resp = new JsonObject()
                    .put("id", req.getString("id"))
                    .put("bidid", bidId)
                    .put("cur", "USD")
                    .put("seatbid", new JsonArray().add(new JsonObject().put("bid", new JsonArray().add(new JsonObject()
                            .put("id", "1").put("impid", "1").put("price", 1.25).put("cid", "camp-1")
                            .put("adm", "<img src=\"" + imp + "\">")))));
            ctx.response().putHeader("Content-Type", "application/json").end(resp.encode());
        }
    }

    private void impression(RoutingContext ctx) {
        String id = ctx.request().getParam("id");
        if (id != null && issuedBidIds.contains(id)) {
            impressions.incrementAndGet();
            trackedBidIds.add(id);
            if (!dropNextImpression.compareAndSet(true, false)) {
                emit(id, EventType.IMPRESSION);
            }
        } else {
            unknownImpressions.incrementAndGet();
        }
        ctx.response().putHeader("Content-Type", "image/gif")
                .end(Buffer.buffer(new byte[] {'G', 'I', 'F', '8', '9', 'a'}));
    }

    /** A win notice (with its price), click (with its campaign) or install of an issued bid: counted, answered with {@code status}. */
    private void event(RoutingContext ctx, AtomicLong counter, int status) {
        String id = ctx.request().getParam("id");
        boolean known = id != null && issuedBidIds.contains(id)
                && (!ctx.request().path().equals("/t/click") || "camp-1".equals(ctx.request().getParam("c")))
                && (!ctx.request().path().equals("/t/win") || "1.25".equals(ctx.request().getParam("price")));
        (known ? counter : unknownEvents).incrementAndGet();
        if (known) {
            emit(id, switch (ctx.request().path()) {
                case "/t/win" -> EventType.WIN;
                case "/t/click" -> EventType.CLICK;
                default -> EventType.INSTALL;
            });
        }
        if (status == 302) {
            ctx.response().putHeader("Location", "https://example.com/landing");
        }
        ctx.response().setStatusCode(status).end();
    }

    /** The TrackingEvent the real tracker would emit for a hot bid of campaign camp-1. */
    private void emit(String bidId, EventType type) {
        if (events == null) {
            return;
        }
        TrackingEvent event = TrackingEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setBidId(bidId).setType(type)
                .setTier(Tier.HOT).setCampaignId("camp-1")
                .setReceivedAtMs(System.currentTimeMillis()).setAttributedAtMs(System.currentTimeMillis()).build();
        events.send(new ProducerRecord<>(Names.TRACKING_EVENTS_TOPIC, bidId,
                event.toByteArray()));
    }

    private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (events != null) {
            events.close();
        }
        await(vertx.close());
    }
}
