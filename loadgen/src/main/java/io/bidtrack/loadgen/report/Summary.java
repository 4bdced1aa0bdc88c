package io.bidtrack.loadgen.report;

/**
 * The end-of-run accounting.
 *
 * @param sent          post-bid events sent to the tracker
 * @param answered      post-bid events the tracker answered with a 2xx
 * @param hot           events seen on Kafka attributed in the HOT tier
 * @param cold          events seen on Kafka attributed in the COLD tier
 * @param unmatched     events seen on Kafka the tracker could not attribute to a bid
 * @param lost          events sent and answered but never seen on Kafka
 * @param duplicated    events seen on Kafka more than once
 * @param wrongCampaign events attributed to another campaign than their bid's
 * @param wrongTier     events attributed in another tier than the one expected from their delay
 * @param bidsSent      bid requests sent
 * @param bidsAnswered  bid requests answered with a bid
 * @param noBids        bid requests answered with no bid
 * @param errors        requests (bids and events) that failed
 */
public record Summary(long sent, long answered, long hot, long cold, long unmatched, long lost, long duplicated,
                      long wrongCampaign, long wrongTier, long bidsSent, long bidsAnswered, long noBids,
                      long errors) {

    /** True when every event answered by the tracker was seen exactly once, with the right campaign and tier. */
    public boolean correct() {
        return lost == 0 && duplicated == 0 && wrongCampaign == 0 && wrongTier == 0;
    }
}
