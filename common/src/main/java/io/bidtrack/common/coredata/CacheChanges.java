package io.bidtrack.common.coredata;

import io.bidtrack.common.model.Campaign;

/** What an {@link InvalidationProtocol} tells the cache it serves. Called on the connection's event loop. */
interface CacheChanges {
    /** A campaign was created or changed, and here is its new state (pub/sub). */
    void upserted(Campaign campaign);

    /** A campaign was deleted (pub/sub). */
    void deleted(String campaignId);

    /** The campaign's hash changed in some way not described: read it again (tracking). */
    void changed(String campaignId);

    /** Anything may have changed (FLUSHDB, FLUSHALL): read everything again (tracking). */
    void flushed();
}
