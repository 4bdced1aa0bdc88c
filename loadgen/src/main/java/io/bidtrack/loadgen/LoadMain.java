package io.bidtrack.loadgen;

import io.bidtrack.common.web.VertxFactory;
import io.vertx.core.Vertx;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
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
        description = "Open-loop load: bids at a fixed rate plus impressions for won bids; prints counts and latency percentiles.")
public final class LoadMain implements Callable<Integer> {
    static final int EXIT_NOTHING_ANSWERED = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--bidder", paramLabel = "URL", description = "Bidder base URL (default: ${DEFAULT-VALUE}).")
    String bidder = "http://127.0.0.1:8080";

    @Option(names = "--tracker", paramLabel = "URL", description = "Tracker base URL (default: ${DEFAULT-VALUE}).")
    String tracker = "http://127.0.0.1:8081";

    @Option(names = "--scenario", paramLabel = "NAME|FILE", description = "Take the options of a scenario: smoke, steady,"
            + " spike, or a file of option=value lines (options given here win over its values).")
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

    @Option(names = "--timeout", paramLabel = "D", converter = DurationConverter.class,
            description = "Per-request timeout, also the longest final wait for responses (default: 5s).")
    Duration timeout = Duration.ofSeconds(5);

    public static void main(String[] args) {
        CommandLine cmd = commandLine();
        System.exit(cmd.execute(expand(cmd, args)));
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
        PrintWriter out = spec.commandLine().getOut();
        Vertx vertx = VertxFactory.create();
        try {
            LoadStats stats = new LoadRun(vertx, config, spec.commandLine().getErr()).run()
                    .toCompletionStage().toCompletableFuture().get();
            out.print(SummaryPrinter.summary(config, stats));
            out.flush();
            return stats.bids().answeredCount() + stats.bids().noBidCount() == 0 ? EXIT_NOTHING_ANSWERED : 0;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
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
        try {
            return new LoadConfig(bidder, tracker, rate, duration, impressionRate, connections, seed, timeout,
                    RateProfile.parse(rateProfile), scenarioName, winRate, clickRate, installRate);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
