package io.bidtrack.loadgen.backfill;

import io.bidtrack.common.config.Env;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.loadgen.DurationConverter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./bidtrack backfill}: produces historical bids (UUIDv7 ids with past times) to Kafka
 * {@code bids}, as the bidder would have produced them then, for demos and for benchmarks of the
 * cold tier. What is produced is a {@link BackfillPlan}: the same options give the same bids.
 *
 * <p>Exit codes: 0 when every bid was acknowledged, 1 when the backfill failed (Kafka or the hot
 * store unreachable, no campaign, a send refused), 2 for a usage error.
 */
@Command(name = "bidtrack backfill", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Produces historical bids (UUIDv7 ids with past times) to Kafka \"bids\", as the bidder does:"
                + " --hours one-hour windows ending at --end, --bids-per-hour bids in each, for the campaigns of the"
                + " hot store (or --campaigns). The same options and --seed give the same bids again; running twice"
                + " produces every bid twice."})
public final class BackfillMain implements Callable<Integer> {
    static final int EXIT_FAILED = 1;

    private final Clock clock;

    @Spec
    CommandSpec spec;

    @Option(names = "--hours", required = true, paramLabel = "H", description = "How many hours of bids (1 to 8784).")
    int hours;

    @Option(names = "--bids-per-hour", required = true, paramLabel = "N", description = "Bids in each hour (1 to 100000000).")
    long bidsPerHour;

    @Option(names = "--kafka", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}; BIDTRACK_KAFKA_BOOTSTRAP).")
    String kafka;

    @Option(names = "--end", paramLabel = "INSTANT",
            description = "The newest bid is just older than this, e.g. 2026-12-05T08:00:00Z (default: now minus --hot-window).")
    String end;

    @Option(names = "--hot-window", paramLabel = "D", converter = DurationConverter.class,
            description = "With no --end, the backfill ends this long ago, so every bid is cold already"
                    + " (default: BIDTRACK_HOT_WINDOW, else 1h).")
    Duration hotWindow;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the bids' contents (default: ${DEFAULT-VALUE}).")
    long seed = BackfillConfig.DEFAULT_SEED;

    @Option(names = "--campaigns", split = ",", paramLabel = "ID",
            description = "Bid for these campaign ids (targeting everyone, price and landing URL made up from the id)"
                    + " instead of the hot store's active campaigns.")
    List<String> campaigns = List.of();

    @Option(names = "--redis", paramLabel = "URL",
            description = "The hot store the campaigns are read from (default: ${DEFAULT-VALUE}; BIDTRACK_REDIS_URL).")
    String redis;

    @Option(names = "--compression", paramLabel = "CODEC",
            description = "Producer compression: none, gzip, snappy, lz4, zstd (default: ${DEFAULT-VALUE}).")
    String compression = BackfillConfig.DEFAULT_COMPRESSION;

    /** Defaults from the process environment, times from the system clock. */
    public BackfillMain() {
        this(Env.system(), Clock.systemUTC());
    }

    BackfillMain(Env env, Clock clock) {
        this.clock = clock;
        this.kafka = env.string(BackfillConfig.KAFKA_BOOTSTRAP, BackfillConfig.DEFAULT_KAFKA_BOOTSTRAP);
        this.redis = env.string(BackfillConfig.REDIS_URL, BackfillConfig.DEFAULT_REDIS_URL);
        this.hotWindow = env.duration(BackfillConfig.HOT_WINDOW, BackfillConfig.DEFAULT_HOT_WINDOW);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BackfillMain()).execute(args));
    }

    @Override
    public Integer call() {
        BackfillConfig config = config();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            List<Campaign> bidders = config.campaignIds().isEmpty()
                    ? BackfillCampaigns.fromHotStore(config.redisUrl())
                    : BackfillCampaigns.named(config.campaignIds());
            BackfillPlan plan = new BackfillPlan(config.seed(), config.hours(), config.bidsPerHour(), config.end(), bidders);
            err.printf(Locale.ROOT, "backfill: %,d bids (%s) from %s to %s for %d campaign%s, to %s%n",
                    plan.totalBids(), shape(plan), plan.start(), plan.end(), bidders.size(),
                    bidders.size() == 1 ? "" : "s", config.kafkaBootstrap());
            err.flush();
            BackfillRun.Summary s = new BackfillRun(plan, config.kafkaBootstrap(), config.compression(), err).run();
            out.printf(Locale.ROOT, "backfill: %,d bids produced to Kafka \"bids\" at %s (%s, seed %d) in %.1f s,"
                            + " %,.0f bids/s, %.0f bytes per bid; bid times %s to %s%n",
                    s.bids(), config.kafkaBootstrap(), shape(plan), plan.seed(), s.seconds(),
                    s.bidsPerSecond(), (double) s.bytes() / s.bids(), s.oldest(), s.newest());
            // One id to try the cold tier with (GET /bids/{id} on the tracker) once the sink has rotated.
            out.printf(Locale.ROOT, "backfill: newest bid %s%n", plan.bid(plan.totalBids() - 1).getId());
            out.flush();
            return 0;
        } catch (BackfillFailure e) {
            err.println("backfill failed: " + e.getMessage());
            err.flush();
            return EXIT_FAILED;
        }
    }

    private static String shape(BackfillPlan plan) {
        return String.format(Locale.ROOT, "%d hour%s x %,d", plan.hours(), plan.hours() == 1 ? "" : "s", plan.bidsPerHour());
    }

    /** The validated settings; a bad value is a usage error (exit code 2) naming the option. */
    BackfillConfig config() {
        try {
            Instant now = clock.instant();
            Instant endAt = end == null ? BackfillConfig.defaultEnd(now, hotWindow)
                    : BackfillConfig.requirePast(parseInstant(end), now);
            // Bid times are whole milliseconds (a UUIDv7 holds no more): so is the end.
            endAt = endAt.truncatedTo(ChronoUnit.MILLIS);
            return new BackfillConfig(hours, bidsPerHour, endAt, seed, kafka, redis, campaigns, compression);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--end must be an ISO-8601 instant such as 2026-12-05T08:00:00Z, got '"
                    + text + "'");
        }
    }
}
