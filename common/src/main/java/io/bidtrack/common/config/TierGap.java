package io.bidtrack.common.config;

import java.time.Duration;

/**
 * The rule that leaves no gap between the hot and the cold tier. A bid reaches the lake through the
 * cold-store sink, which writes a file at most every {@code rotate} and then registers the file's
 * partition with Trino; until then a cold lookup cannot find it. That delay, the <em>sink's lag</em>,
 * is {@code rotate} + {@code cold.registration.lag} (scheduling, the Parquet write, the
 * registration call). The bidder keeps a bid in the hot store for {@code hot.window} +
 * {@code hot.margin} (the hot TTL), so the bid is always in one tier or the other only when
 * <pre>hot.window + hot.margin &gt; rotate + cold.registration.lag</pre>
 * The bidder and the tracker check it at start-up and refuse to start otherwise: a bid that left
 * the hot store before the lake could serve it would be answered UNMATCHED for a while.
 */
public final class TierGap {
    public static final String HOT_WINDOW = "hot.window";
    public static final String HOT_MARGIN = "hot.margin";
    /** The sink's rotation: one setting shared by every service of a stack. */
    public static final String ROTATE = "rotate";
    public static final String REGISTRATION_LAG = "cold.registration.lag";
    public static final Duration DEFAULT_ROTATE = Duration.ofSeconds(60);
    /** Writing and registering a file takes a second or two; the rest is room for a busy machine. */
    public static final Duration DEFAULT_REGISTRATION_LAG = Duration.ofSeconds(30);

    private TierGap() {
    }

    /** How long after its bid time a bid may still be missing from the lake: rotate + registration lag. */
    public static Duration sinkLag(Duration rotate, Duration registrationLag) {
        return rotate.plus(registrationLag);
    }

    /**
     * @throws IllegalArgumentException naming the four variables when the hot TTL does not exceed
     *                                  the sink's lag, or when rotate or the lag is not positive
     */
    public static void check(Duration hotWindow, Duration hotMargin, Duration rotate, Duration registrationLag) {
        if (rotate.isNegative() || rotate.isZero()) {
            throw new IllegalArgumentException(ROTATE + " (" + Env.variableName(ROTATE) + ") must be positive, got " + rotate);
        }
        if (registrationLag.isNegative()) {
            throw new IllegalArgumentException(REGISTRATION_LAG + " (" + Env.variableName(REGISTRATION_LAG)
                    + ") must not be negative, got " + registrationLag);
        }
        Duration hotTtl = hotWindow.plus(hotMargin);
        Duration lag = sinkLag(rotate, registrationLag);
        if (hotTtl.compareTo(lag) <= 0) {
            throw new IllegalArgumentException("bids would leave the hot store before the lake can serve them: "
                    + Env.variableName(HOT_WINDOW) + " + " + Env.variableName(HOT_MARGIN) + " (" + Durations.format(hotWindow)
                    + " + " + Durations.format(hotMargin) + ") must exceed " + Env.variableName(ROTATE) + " + "
                    + Env.variableName(REGISTRATION_LAG) + " (" + Durations.format(rotate) + " + "
                    + Durations.format(registrationLag) + "); raise the hot margin or rotate more often");
        }
    }

    /** {@code rotate} from {@code env}, an error naming it when malformed. */
    public static Duration rotate(Env env) {
        return duration(env, ROTATE, DEFAULT_ROTATE);
    }

    /** {@code cold.registration.lag} from {@code env}, an error naming it when malformed. */
    public static Duration registrationLag(Env env) {
        return duration(env, REGISTRATION_LAG, DEFAULT_REGISTRATION_LAG);
    }

    private static Duration duration(Env env, String key, Duration defaultValue) {
        try {
            return env.duration(key, defaultValue);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " (" + Env.variableName(key) + "): " + e.getMessage(), e);
        }
    }
}
