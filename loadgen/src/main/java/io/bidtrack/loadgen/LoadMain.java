package io.bidtrack.loadgen;

import io.bidtrack.common.web.VertxFactory;
import io.bidtrack.loadgen.accounting.EventLedger;
import io.bidtrack.loadgen.accounting.Reconciler;
import io.bidtrack.loadgen.accounting.Reconciliation;
import io.bidtrack.loadgen.accounting.TrackingEventsTail;
import io.bidtrack.loadgen.backfill.BackfillConfig;
import io.bidtrack.loadgen.report.ReportWriter;
import io.vertx.core.Vertx;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./bidtrack load}: sends bids (and impressions for a share of the won bids) to a running
 * stack at a fixed rate, open loop, and prints counts and latency percentiles.
 *
 * <p>Exit codes: 0 when the run completed (errors included), 1 when no bid was answered at all,
 * 2 for a usage error.
 */
@Command(name = "bidtrack load", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Open-loop load: bids at a rate, the events that follow won bids; then checks every event against"
                + " tracking-events (lost, duplicated, tier), prints counts and latency percentiles and writes a report folder.")
public final class LoadMain implements Callable<Integer> {
    static final int EXIT_NOTHING_ANSWERED = 1;
    /** Some event the tracker answered never reached tracking-events, or reached it twice. */
    static final int EXIT_EVENTS_LOST_OR_DUPLICATED = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--target", paramLabel = "BIDDER,TRACKER", description = "The stack under load: the bidder's and the"
            + " tracker's base URLs, comma-separated (instead of --bidder and --tracker; default: the local stack).")
    String target;

    @Option(names = "--bidder", paramLabel = "URL", description = "Bidder base URL (default: ${DEFAULT-VALUE}).")
    String bidder = "http://127.0.0.1:8080";

    @Option(names = "--tracker", paramLabel = "URL", description = "Tracker base URL (default: ${DEFAULT-VALUE}).")
    String tracker = "http://127.0.0.1:8081";

    @Option(names = "--scenario", paramLabel = "NAME|FILE", description = "Take the options of a scenario: smoke, steady,"
            + " spike, cold-heavy, or a file of option=value lines (options given here win over its values).")
    String scenario; // replaced by the scenario's options before parsing: see Scenario.expand

    @Option(names = "--scenario-name", hidden = true, description = "Set by --scenario, for the report.")
    String scenarioName = "custom";

    @Option(names = "--rate", paramLabel = "N", description = "Bid requests per second (default: ${DEFAULT-VALUE}).")
    double rate = 100;

    @Option(names = "--rate-profile", paramLabel = "T:M,...", description = "How the rate changes: multipliers of --rate at"
            + " times into the run, linear in between, e.g. 0s:1,30s:3,1m:1 (default: ${DEFAULT-VALUE}, steady).")
    String rateProfile = "0s:1";

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "How long to send bids, e.g. 30s, 2m (default: 30s).")
    Duration duration = Duration.ofSeconds(30);

    @Option(names = "--win-rate", paramLabel = "F",
            description = "Fraction of answered bids that win and get a win notice, 0..1 (default: ${DEFAULT-VALUE}).")
    double winRate = 1;

    @Option(names = "--impression-rate", paramLabel = "F",
            description = "Fraction of won bids that get an impression, 0..1 (default: ${DEFAULT-VALUE}).")
    double impressionRate = 0.9;

    @Option(names = "--click-rate", paramLabel = "F",
            description = "Fraction of impressions that get a click, 0..1 (default: ${DEFAULT-VALUE}).")
    double clickRate = 0.1;

    @Option(names = "--install-rate", paramLabel = "F",
            description = "Fraction of clicks that get an install postback, 0..1 (default: ${DEFAULT-VALUE}).")
    double installRate = 0.2;

    @Option(names = "--connections", paramLabel = "N", description = "Connections per endpoint (default: ${DEFAULT-VALUE}).")
    int connections = 16;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for request contents and impression choices (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--delay-profile", paramLabel = "P", description = "When events come: realistic (most right after their"
            + " bid, attributed HOT; --cold-share of them for old bids this run backfills first, attributed COLD), compressed (for"
            + " demos with a short hot window: --cold-share of the run's own bids get their events after --hot-window + --hot-margin,"
            + " attributed COLD) or none (all right after their bid). Default: ${DEFAULT-VALUE}.")
    DelayProfile delayProfile = DelayProfile.realistic;

    @Option(names = "--cold-share", paramLabel = "F", description = "With the realistic profile, the share of events that are"
            + " for old bids, 0..0.9 (default: ${DEFAULT-VALUE}).")
    double coldShare = 0.1;

    @Option(names = "--cold-hours", paramLabel = "H", description = "The old bids' times are spread over this many hours"
            + " before the hot window (default: ${DEFAULT-VALUE}).")
    int coldHours = 24;

    @Option(names = "--hot-window", paramLabel = "D", converter = DurationConverter.class,
            description = "The stack's hot window: old bids are older than it (default: 1h).")
    Duration hotWindow = Duration.ofHours(1);

    @Option(names = "--hot-margin", paramLabel = "D", converter = DurationConverter.class,
            description = "The stack's hot margin: bids stay hot for --hot-window plus this (default: 150s, the demo's at its"
                    + " default rotation: twice the rotation plus 30 s; the bidder's own default is 2m).")
    Duration hotMargin = Duration.ofSeconds(150);

    @Option(names = "--cold-wait", paramLabel = "D", converter = DurationConverter.class,
            description = "How long to wait for the sink to make the old bids queryable before the run starts (default: 3m).")
    Duration coldWait = Duration.ofMinutes(3);

    @Option(names = "--redis", paramLabel = "URL", description = "The hot store, whose campaigns the old bids are made for"
            + " (default: ${DEFAULT-VALUE}).")
    String redis = BackfillConfig.DEFAULT_REDIS_URL;

    @Option(names = "--kafka", paramLabel = "HOST:PORT",
            description = "Kafka, where the run's events are read back from tracking-events and checked (default: ${DEFAULT-VALUE}).")
    String kafka = "127.0.0.1:9092";

    @Option(names = "--settle-quiet", paramLabel = "D", converter = DurationConverter.class,
            description = "After the run, stop waiting for events once none of the run's arrived for this long (default: 10s).")
    Duration settleQuiet = Duration.ofSeconds(10);

    @Option(names = "--settle-max", paramLabel = "D", converter = DurationConverter.class,
            description = "After the run, wait at most this long for its events (default: 2m).")
    Duration settleMax = Duration.ofMinutes(2);

    @Option(names = "--reports-dir", paramLabel = "DIR",
            description = "Where the run's report folder goes (default: ${DEFAULT-VALUE}).")
    Path reportsDir = Path.of("target", "load-reports");

    @Option(names = "--timeout", paramLabel = "D", converter = DurationConverter.class,
            description = "Per-request timeout, also the longest final wait for responses (default: 5s).")
    Duration timeout = Duration.ofSeconds(5);

    public static void main(String[] args) {
        CommandLine cmd = commandLine();
        System.exit(cmd.execute(expand(cmd, args)));
    }

    /** Runs the command as {@link #main} does, printing to {@code out} and {@code err}; returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = commandLine();
        cmd.setOut(out);
        cmd.setErr(err);
        return cmd.execute(expand(cmd, args));
    }

    /** The command, where a later option overrides an earlier one (a scenario's, see {@link #expand}). */
    static CommandLine commandLine() {
        return new CommandLine(new LoadMain()).setOverwrittenOptionsAllowed(true);
    }

    /**
     * {@code args} with {@code --scenario}'s options put first ({@link Scenario#expand}); a bad scenario
     * is reported as a usage error when the command runs.
     */
    static String[] expand(CommandLine cmd, String[] args) {
        try {
            return Scenario.expand(List.of(args), cmd.getCommandSpec().optionsMap().keySet()).toArray(String[]::new);
        } catch (IllegalArgumentException e) {
            // Keep --scenario so that call() reports the problem as a usage error (exit code 2).
            ((LoadMain) cmd.getCommand()).scenarioProblem = e.getMessage();
            return args;
        }
    }

    private String scenarioProblem;

    @Override
    public Integer call() throws Exception {
        LoadConfig config = config();
        requirePositive("--settle-quiet", settleQuiet);
        ColdEvents coldEvents = usage(() -> new ColdEvents(delayProfile, coldShare, coldHours, hotWindow, hotMargin, coldWait, redis, kafka));
        requirePositive("--settle-max", settleMax);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Positioned at the topic's end before the first bid: every event of this run comes after.
        TrackingEventsTail tail;
        try {
            tail = new TrackingEventsTail(kafka);
        } catch (IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), "--kafka " + kafka + ": cannot read tracking-events to check the run: "
                    + e.getMessage());
        }
        EventLedger ledger = new EventLedger(config.totalBids());
        Vertx vertx = VertxFactory.create();
        try (tail) {
            Instant start = Instant.now();
            LoadRun.ColdPart oldBids;
            try {
                oldBids = coldEvents.oldBids(config, err);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            LoadStats stats = new LoadRun(vertx, config, err, ledger, oldBids, coldEvents.delayedBids()).run().toCompletionStage().toCompletableFuture().get();
            Instant end = Instant.now();
            Reconciliation check = new Reconciler(ledger).settle(tail, settleQuiet, settleMax, progress -> {
                err.println(progress.line());
                err.flush();
            });
            out.print(SummaryPrinter.summary(config, stats));
            out.print(SummaryPrinter.check(check));
            Path report = ReportWriter.write(reportsDir, RunReports.of(config, stats, check, start, end));
            out.println("report: " + report.toAbsolutePath());
            out.flush();
            if (stats.bids().answeredCount() + stats.bids().noBidCount() == 0) {
                return EXIT_NOTHING_ANSWERED;
            }
            return check.nothingLostOrDuplicated() ? 0 : EXIT_EVENTS_LOST_OR_DUPLICATED;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** The value {@code make} builds, or a usage error with its message. */
    private <T> T usage(java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void requirePositive(String option, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new ParameterException(spec.commandLine(), option + " must be > 0, got " + value);
        }
    }

    /** The validated settings; a bad value is a usage error (exit code 2) naming the option. */
    LoadConfig config() {
        if (scenarioProblem != null) {
            throw new ParameterException(spec.commandLine(), scenarioProblem);
        }
        if (scenario != null) {
            throw new ParameterException(spec.commandLine(), "--scenario is read before the other options: run the command"
                    + " through LoadMain.main (or expand its arguments first)");
        }
        String bidderUrl = bidder;
        String trackerUrl = tracker;
        if (target != null) {
            CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
            if (parsed != null && (parsed.hasMatchedOption("--bidder") || parsed.hasMatchedOption("--tracker"))) {
                throw new ParameterException(spec.commandLine(), "--target names both URLs: give it, or --bidder and --tracker");
            }
            String[] urls = target.split(",", -1);
            if (urls.length != 2 || urls[0].isBlank() || urls[1].isBlank()) {
                throw new ParameterException(spec.commandLine(), "--target takes BIDDER_URL,TRACKER_URL, got '" + target + "'");
            }
            bidderUrl = urls[0].trim();
            trackerUrl = urls[1].trim();
        }
        try {
            return new LoadConfig(bidderUrl, trackerUrl, rate, duration, impressionRate, connections, seed, timeout,
                    RateProfile.parse(rateProfile), scenarioName, winRate, clickRate, installRate);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
