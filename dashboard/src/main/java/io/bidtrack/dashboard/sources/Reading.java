package io.bidtrack.dashboard.sources;

/**
 * What one source answered at one poll: its value, or why there is none.
 *
 * @param value the scrape or the engine's figures; null when the source is down
 * @param error why the source is down; null when it answered
 * @param nanos when the answer came ({@link System#nanoTime()}): rates divide by the time between two answers
 * @param <T>   what the source gives
 */
public record Reading<T>(T value, String error, long nanos) {
    public static <T> Reading<T> of(T value, long nanos) {
        return new Reading<>(value, null, nanos);
    }

    public static <T> Reading<T> down(Throwable cause, long nanos) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new Reading<>(null, message, nanos);
    }

    public boolean up() {
        return value != null;
    }
}
