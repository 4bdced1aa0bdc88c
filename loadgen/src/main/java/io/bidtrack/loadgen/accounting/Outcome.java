package io.bidtrack.loadgen.accounting;

/** How the tracker answered one event the load generator sent. */
public enum Outcome {
    /** Sent, no answer yet (at the end of a run: abandoned as unfinished). */
    PENDING,
    /** Answered 2xx or 3xx (a GIF, a redirect, a 204): the tracker took the event. */
    ANSWERED,
    /** Answered with an error status (400, 404, 503, ...): the tracker did not take it. */
    REFUSED,
    /** No answer at all: connection refused or reset, timeout. */
    FAILED;

    /** ANSWERED for 2xx and 3xx (the click's 302 is its normal answer), else REFUSED. */
    public static Outcome ofStatus(int httpStatus) {
        return httpStatus >= 200 && httpStatus < 400 ? ANSWERED : REFUSED;
    }
}
