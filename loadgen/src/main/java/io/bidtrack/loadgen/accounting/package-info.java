/**
 * The correctness account of a load run: was every event the load generator sent attributed once,
 * to its bid's campaign, in the right tier?
 *
 * <ol>
 *   <li>Before the run: create a {@link io.bidtrack.loadgen.accounting.TrackingEventsTail} (it
 *       starts at the topic's current end) and an {@link io.bidtrack.loadgen.accounting.EventLedger}.</li>
 *   <li>During the run: {@code ledger.sent(...)} before each event's request leaves,
 *       {@code ledger.outcome(...)} when its answer comes.</li>
 *   <li>After the run: {@code new Reconciler(ledger).settle(tail, quiet, max, progress)} reads the
 *       events back and returns the {@link io.bidtrack.loadgen.accounting.Reconciliation}.</li>
 * </ol>
 */
package io.bidtrack.loadgen.accounting;
