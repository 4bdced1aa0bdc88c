package io.bidtrack.loadgen.backfill;

import com.google.protobuf.InvalidProtocolBufferException;
import io.bidtrack.common.Names;
import io.bidtrack.common.config.Env;
import io.bidtrack.common.coredata.CampaignStore;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.bidtrack.infra.kafka.EmbeddedKafka;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backfill on the real Kafka broker (three partitions of {@code bids}, as the stack has) and
 * the real engine as hot store: what lands in {@code bids} is what the plan says, as the bidder
 * would have produced it.
 */
class BackfillKafkaTest {
    /** A whole hour a day ago: the backfill refuses ends in the future. */
    private static final Instant END = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));
    private static final long HOUR = BackfillPlan.HOUR_MS;
    private static EmbeddedKafka kafka;
    private static CacheEngine engine;
    private static Vertx vertx;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.startTemporary();
        kafka.createTopics(3, Names.BIDS_TOPIC);
        engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        engine.close();
        kafka.close();
    }

    private int backfill(String... args) {
        CommandLine cmd = new CommandLine(new BackfillMain(new Env(Map.of()), Clock.systemUTC()));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void producesThePlannedBidsKeyedByIdInTheirOwnHours() throws Exception {
        Map<TopicPartition, Long> from = endOffsets();
        int code = backfill("--kafka", kafka.bootstrapServers(), "--hours", "3", "--bids-per-hour", "200",
                "--end", END.toString(), "--seed", "7", "--campaigns", "c1,c2,c3");
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().startsWith("backfill: 600 bids produced to Kafka \"bids\" at " + kafka.bootstrapServers()
                + " (3 hours x 200, seed 7)"), out.toString());
        String firstHour = END.minus(Duration.ofHours(3)).toString().substring(0, 14);
        String lastMinute = END.minusSeconds(60).toString().substring(0, 17);
        assertTrue(out.toString().contains("bid times " + firstHour) && out.toString().contains(" to " + lastMinute),
                "the summary names the time range: " + out);

        List<ConsumerRecord<String, byte[]>> records = read(from, 600);
        assertEquals(600, records.size());
        long start = END.toEpochMilli() - 3 * HOUR;
        int[] perHour = new int[3];
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            BidRecord bid = decode(r.value());
            assertEquals(r.key(), bid.getId(), "key = bid id");
            long t = BidId.timestampMillis(BidId.parse(bid.getId()));
            assertEquals(t, bid.getCreatedAtMs());
            assertTrue(t >= start && t < END.toEpochMilli(), "before --end and within the hours: " + Instant.ofEpochMilli(t));
            perHour[(int) ((t - start) / HOUR)]++;
            assertTrue(Set.of("c1", "c2", "c3").contains(bid.getCampaignId()), bid.getCampaignId());
            ids.add(bid.getId());
        }
        assertEquals(600, ids.size(), "no bid twice");
        String newest = out.toString().lines().filter(l -> l.startsWith("backfill: newest bid ")).findFirst().orElseThrow()
                .substring("backfill: newest bid ".length());
        assertTrue(ids.contains(newest), "the id it names to try was produced: " + newest);
        assertTrue(BidId.timestampMillis(BidId.parse(newest)) >= END.toEpochMilli() - 60_000, "and it is the newest: " + newest);
        assertEquals(List.of(200, 200, 200), IntStream.of(perHour).boxed().toList(), "each hour holds its bids");

        // The same seed rebuilds the same bids, which the load generator relies on; another does not.
        BackfillPlan again = new BackfillPlan(7, 3, 200, END, BackfillCampaigns.named(List.of("c3", "c1", "c2")));
        assertEquals(ids, idsOf(again));
        for (ConsumerRecord<String, byte[]> r : records.subList(0, 20)) {
            BidRecord bid = decode(r.value());
            assertTrue(containsBid(again, bid), "the plan rebuilds " + bid.getId() + " byte for byte");
        }
        Set<String> otherSeed = idsOf(new BackfillPlan(8, 3, 200, END, BackfillCampaigns.named(List.of("c1", "c2", "c3"))));
        otherSeed.retainAll(ids);
        assertEquals(Set.of(), otherSeed);
    }

    @Test
    void bidsForTheHotStoresActiveCampaignsWithTheirPricesAndLandingPages() throws Exception {
        Campaign shoes = new Campaign("shoes", "Shoes", true, "shoes.example", 3.25, "https://shoes.example/sale",
                new Campaign.Targeting(Set.of("FRA", "DEU"), Set.of("banner"), Set.of(), Set.of(), Set.of()),
                Set.of("IAB18"), Campaign.Flight.ALWAYS, Campaign.Budget.UNLIMITED);
        Campaign paused = new Campaign("paused", "Paused", false, "paused.example", 9.0, "https://paused.example/",
                Set.of(), Set.of());
        Redis redis = Redis.createClient(vertx, engineUrl());
        try {
            CampaignStore store = new CampaignStore(redis);
            await(store.save(shoes));
            await(store.save(paused));

            Map<TopicPartition, Long> from = endOffsets();
            int code = backfill("--kafka", kafka.bootstrapServers(), "--redis", engineUrl(), "--hours", "1",
                    "--bids-per-hour", "50");
            assertEquals(0, code, err.toString());
            Instant now = Instant.now();
            for (ConsumerRecord<String, byte[]> r : read(from, 50)) {
                BidRecord bid = decode(r.value());
                assertEquals("shoes", bid.getCampaignId(), "the paused campaign does not bid");
                assertEquals("shoes-banner", bid.getCreativeId());
                assertEquals(3.25, bid.getPriceCpm());
                assertEquals("https://shoes.example/sale", bid.getLandingUrl());
                assertTrue(Set.of("FRA", "DEU").contains(bid.getCountry()), bid.getCountry());
                // By default the backfill ends the hot window (1h) ago: every bid is cold already.
                assertTrue(bid.getCreatedAtMs() < now.minus(Duration.ofHours(1)).toEpochMilli(), "older than the hot window");
                assertTrue(bid.getCreatedAtMs() >= now.minus(Duration.ofHours(2)).minusSeconds(60).toEpochMilli());
            }
        } finally {
            await(new CampaignStore(redis).delete("shoes"));
            await(new CampaignStore(redis).delete("paused"));
            redis.close();
        }
    }

    @Test
    void anEmptyHotStoreIsAClearError() {
        int code = backfill("--kafka", kafka.bootstrapServers(), "--redis", engineUrl(), "--hours", "1",
                "--bids-per-hour", "10");
        assertEquals(BackfillMain.EXIT_FAILED, code);
        assertTrue(err.toString().contains("backfill failed: no campaign in the hot store at " + engineUrl()), err.toString());
    }

    @Test
    void unreachableServicesAreClearErrors() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // closed again: connections are refused
        }
        int code = backfill("--kafka", kafka.bootstrapServers(), "--redis", "redis://127.0.0.1:" + closedPort,
                "--hours", "1", "--bids-per-hour", "10");
        assertEquals(BackfillMain.EXIT_FAILED, code);
        assertTrue(err.toString().contains("cannot read the campaigns from the hot store at redis://127.0.0.1:" + closedPort),
                err.toString());

        code = backfill("--kafka", "127.0.0.1:" + closedPort, "--campaigns", "c1", "--hours", "1", "--bids-per-hour", "10");
        assertEquals(BackfillMain.EXIT_FAILED, code);
        assertTrue(err.toString().contains("cannot reach Kafka at 127.0.0.1:" + closedPort), err.toString());
    }

    @Test
    void aBidKafkaRefusesFailsTheRun() throws Exception {
        // The topic takes no batch over 200 bytes: one bid compressed is about 500.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Names.BIDS_TOPIC);
            ConfigEntry tiny = new ConfigEntry("max.message.bytes", "200");
            admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(tiny, AlterConfigOp.OpType.SET))))
                    .all().get(10, TimeUnit.SECONDS);
            try {
                int code = backfill("--kafka", kafka.bootstrapServers(), "--campaigns", "c1", "--hours", "1",
                        "--bids-per-hour", "100", "--end", END.toString());
                assertEquals(BackfillMain.EXIT_FAILED, code, out.toString());
                assertTrue(err.toString().contains("backfill failed: Kafka at " + kafka.bootstrapServers()
                        + " refused a bid after 0 were acknowledged: org.apache.kafka.common.errors.RecordTooLargeException"),
                        err.toString());
                assertEquals("", out.toString(), "no summary");
            } finally {
                admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(tiny, AlterConfigOp.OpType.DELETE))))
                        .all().get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String engineUrl() {
        return "redis://" + engine.host() + ":" + engine.port();
    }

    private static Set<String> idsOf(BackfillPlan plan) {
        Set<String> ids = new HashSet<>();
        for (long n = 0; n < plan.totalBids(); n++) {
            ids.add(plan.bid(n).getId());
        }
        return ids;
    }

    private static boolean containsBid(BackfillPlan plan, BidRecord bid) {
        for (long n = 0; n < plan.totalBids(); n++) {
            if (plan.bid(n).equals(bid)) {
                return true;
            }
        }
        return false;
    }

    private static BidRecord decode(byte[] value) throws InvalidProtocolBufferException {
        return BidRecord.parseFrom(value);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Where each partition of {@code bids} ends now: a run's records come after. */
    private static Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Names.BIDS_TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return new HashMap<>(consumer.endOffsets(partitions));
        }
    }

    /** Every record after {@code from}, once {@code expected} have arrived (and no more come). */
    private static List<ConsumerRecord<String, byte[]>> read(Map<TopicPartition, Long> from, int expected) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // Anything beyond the expected count would be a duplicate: give it a moment to show.
            consumer.poll(Duration.ofMillis(300)).forEach(records::add);
        }
        return records;
    }
}
