package io.bidtrack.loadgen;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * One load run's settings, validated on construction (an {@link IllegalArgumentException} names
 * the setting that is wrong).
 *
 * @param bidderUrl      base URL of the bidder (bids go to {@code <bidderUrl>/openrtb2/bid})
 * @param trackerUrl     base URL of the tracker (impressions go to {@code <trackerUrl>/t/imp?id=})
 * @param rate           bid requests per second
 * @param duration       how long bids are sent
 * @param impressionRate fraction of won bids that get an impression, 0..1
 * @param winRate        fraction of answered bids (HTTP 200) that win: they get a win notice, and may get the events below
 * @param clickRate      fraction of impressions that get a click, 0..1
 * @param installRate    fraction of clicks that get an install postback, 0..1
 * @param connections    connection pool size per endpoint
 * @param seed           seed for request contents and impression choices
 * @param timeout        per-request timeout; also the longest the run waits for stragglers at the end
 * @param rateProfile    how the rate changes over the run: multipliers of {@code rate} ({@link RateProfile})
 * @param scenario       the scenario's name, or "custom" for options typed by hand
 */
public record LoadConfig(String bidderUrl, String trackerUrl, double rate, Duration duration,
                         double impressionRate, int connections, long seed, Duration timeout,
                         RateProfile rateProfile, String scenario, double winRate, double clickRate, double installRate) {
    static final double MAX_RATE = 1_000_000;

    public LoadConfig {
        bidderUrl = baseUrl("--bidder", bidderUrl);
        trackerUrl = baseUrl("--tracker", trackerUrl);
        if (!(rate > 0) || rate > MAX_RATE) {
            throw new IllegalArgumentException("--rate must be > 0 and <= " + (long) MAX_RATE + " bids/s, got " + rate);
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--duration must be > 0, got " + duration);
        }
        fraction("--impression-rate", impressionRate);
        fraction("--win-rate", winRate);
        fraction("--click-rate", clickRate);
        fraction("--install-rate", installRate);
        if (connections < 1 || connections > 10_000) {
            throw new IllegalArgumentException("--connections must be between 1 and 10000, got " + connections);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be > 0, got " + timeout);
        }
        if (rateProfile == null) {
            throw new IllegalArgumentException("--rate-profile must be set");
        }
        if (OpenLoopScheduler.totalFor(rate, rateProfile, duration.toNanos()) < 1) {
            throw new IllegalArgumentException("--rate " + rate + " for --duration " + duration.toMillis()
                    + " ms sends no bid at all: raise the rate or the duration");
        }
    }

    /** A steady run of no particular scenario. */
    public LoadConfig(String bidderUrl, String trackerUrl, double rate, Duration duration,
                      double impressionRate, int connections, long seed, Duration timeout) {
        this(bidderUrl, trackerUrl, rate, duration, impressionRate, connections, seed, timeout, RateProfile.STEADY, "custom",
                1, 0, 0);
    }

    private static void fraction(String option, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(option + " must be between 0 and 1, got " + value);
        }
    }

    /** How many bid requests the run sends. */
    public long totalBids() {
        return OpenLoopScheduler.totalFor(rate, rateProfile, duration.toNanos());
    }

    public String bidUrl() {
        return bidderUrl + "/openrtb2/bid";
    }

    /** The tracker's URL of a post-bid event ({@code win}, {@code imp}, {@code click}, {@code install}) up to its id's value. */
    public String eventUrlPrefix(String event) {
        return trackerUrl + "/t/" + event + "?id=";
    }


    private static String baseUrl(String option, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(option + " must be a URL like http://127.0.0.1:8080");
        }
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException(option + " must be an http(s) URL with a host, got '" + text + "'");
            }
            String s = uri.toString();
            while (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
            return s;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(option + " is not a URL: '" + text + "'");
        }
    }
}
