package io.bidtrack.engine.tracking;

import io.bidtrack.engine.bytes.ByteString;
import io.bidtrack.engine.resp.ReplyWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Frames and delivers invalidation messages exactly as Redis 7.0's sendTrackingMessage: a RESP3
 * push {@code >2 invalidate <keys>} to a RESP3 receiver, or, when redirecting to a RESP2 client in
 * pub/sub mode, a message on {@code __redis__:invalidate}. A RESP2 client without a redirect gets
 * nothing (RESP2 has no pushes), and a vanished redirect target is reported to a RESP3 tracker as
 * {@code tracking-redir-broken}.
 */
final class Invalidations {
    private static final byte[] CHANNEL = "__redis__:invalidate".getBytes(StandardCharsets.US_ASCII);

    private final LongFunction<Tracker> clientsById;

    Invalidations(LongFunction<Tracker> clientsById) {
        this.clientsById = clientsById;
    }

    /** Tells {@code tracker} that {@code keys} changed; null keys means a flush (a null payload). */
    void send(Tracker tracker, List<ByteString> keys) {
        ClientTracking t = tracker.tracking();
        Tracker receiver = tracker;
        boolean redirected = t != null && t.redirect != 0;
        if (redirected) {
            receiver = clientsById.apply(t.redirect);
            if (receiver == null) {
                t.brokenRedirect = true;
                if (tracker.reply().isResp3()) {
                    ReplyWriter out = tracker.reply();
                    boolean muted = unmute(out);
                    out.pushHeader(2);
                    out.bulk("tracking-redir-broken");
                    out.integer(t.redirect);
                    out.muted(muted);
                    tracker.pushed();
                }
                return;
            }
        }
        ReplyWriter out = receiver.reply();
        boolean resp3 = out.isResp3();
        if (!resp3 && (!redirected || !receiver.isSubscribed())) {
            return;
        }
        boolean muted = unmute(out);
        if (resp3) {
            out.pushHeader(2);
            out.bulk("invalidate");
        } else {
            out.pushHeader(3);
            out.bulk("message");
            out.bulk(CHANNEL, 0, CHANNEL.length);
        }
        if (keys == null) {
            // Redis encodes the null in the tracking client's protocol, even when the redirect
            // target speaks the other one.
            out.nullValue(tracker.reply().isResp3());
        } else {
            out.arrayHeader(keys.size());
            for (ByteString key : keys) {
                out.bulk(key.bytes(), 0, key.length());
            }
        }
        out.muted(muted);
        receiver.pushed();
    }

    /** Pushes bypass CLIENT REPLY OFF/SKIP, as with Redis' CLIENT_PUSHING; returns the old state. */
    private static boolean unmute(ReplyWriter out) {
        boolean muted = out.isMuted();
        out.muted(false);
        return muted;
    }
}
