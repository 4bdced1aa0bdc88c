package io.bidtrack.loadgen.report;

/**
 * One second of a load run, as counted by the load generator.
 *
 * @param second         seconds since the run started (0 for the first second)
 * @param bidsSent       bid requests sent in this second
 * @param bidsAnswered   bid requests answered with a bid (2xx other than 204)
 * @param noBids         bid requests answered with no bid (204)
 * @param bidErrors      bid requests that failed (timeouts, connection errors, other statuses)
 * @param eventsSent     post-bid events (impressions, clicks, installs, wins) sent to the tracker
 * @param eventsAnswered post-bid events the tracker answered with a 2xx
 * @param eventErrors    post-bid events that failed
 * @param bidP99Millis   the 99th percentile of bid latency over this second, in milliseconds
 */
public record SecondSample(long second, long bidsSent, long bidsAnswered, long noBids, long bidErrors,
                           long eventsSent, long eventsAnswered, long eventErrors, double bidP99Millis) {
}
