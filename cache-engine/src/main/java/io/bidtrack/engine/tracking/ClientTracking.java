package io.bidtrack.engine.tracking;

import io.bidtrack.engine.bytes.ByteString;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * One client's CLIENT TRACKING options, present while tracking is on. Fields mirror Redis' client
 * flags; {@link Tracking} keeps them consistent with the engine-wide tables.
 */
public final class ClientTracking {
    /** Client id invalidations go to, 0 for the client itself. */
    long redirect;
    boolean bcast;
    boolean optin;
    boolean optout;
    boolean noloop;
    /** CLIENT CACHING YES (OPTIN) or NO (OPTOUT) given for the next command or transaction. */
    boolean caching;
    /** An invalidation found the redirect client gone (shown by TRACKINGINFO and CLIENT LIST R). */
    boolean brokenRedirect;
    /** BCAST prefixes, in byte order as Redis' radix tree lists them. */
    final NavigableSet<ByteString> prefixes = new TreeSet<>(Tracking.BYTE_ORDER);

    public long redirect() {
        return redirect;
    }

    public boolean bcast() {
        return bcast;
    }

    public boolean optin() {
        return optin;
    }

    public boolean optout() {
        return optout;
    }

    public boolean noloop() {
        return noloop;
    }

    public boolean caching() {
        return caching;
    }

    public boolean brokenRedirect() {
        return brokenRedirect;
    }

    public NavigableSet<ByteString> prefixes() {
        return Collections.unmodifiableNavigableSet(prefixes);
    }

    /** CLIENT CACHING YES|NO was accepted: it applies to the next command (or MULTI ... EXEC). */
    public void cachingGiven() {
        caching = true;
    }

    /** Whether the keys read by the command now ending are remembered (OPTIN/OPTOUT with CACHING). */
    boolean remembersReads() {
        return !((optin && !caching) || (optout && caching));
    }
}
