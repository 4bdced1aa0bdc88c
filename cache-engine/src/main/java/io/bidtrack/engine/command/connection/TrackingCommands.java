package io.bidtrack.engine.command.connection;

import io.bidtrack.engine.bytes.ByteString;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import io.bidtrack.engine.tracking.ClientTracking;
import java.util.ArrayList;
import java.util.List;

/**
 * CLIENT TRACKING, CACHING, TRACKINGINFO and GETREDIR, with Redis 7.0's checks in its order:
 * options are parsed (syntax, redirect target) before ON/OFF is looked at, then ON checks the
 * combination against itself and against the mode already on.
 */
final class TrackingCommands {
    private TrackingCommands() {
    }

    /** CLIENT TRACKING ON|OFF [REDIRECT id] [PREFIX p]... [BCAST] [OPTIN] [OPTOUT] [NOLOOP] */
    static void tracking(Client client, CommandArgs args) {
        long redirect = 0;
        boolean bcast = false;
        boolean optin = false;
        boolean optout = false;
        boolean noloop = false;
        List<ByteString> prefixes = new ArrayList<>();
        for (int j = 3; j < args.count(); j++) {
            boolean more = j < args.count() - 1;
            if (args.is(j, "redirect") && more) {
                j++;
                if (redirect != 0) {
                    throw new RedisError("ERR A client can only redirect to a single other client");
                }
                redirect = args.longValue(j);
                // Redis requires the target to exist now, though it may disconnect later.
                if (client.engine().clients().byId(redirect) == null) {
                    throw new RedisError("ERR The client ID you want redirect to does not exist");
                }
            } else if (args.is(j, "bcast")) {
                bcast = true;
            } else if (args.is(j, "optin")) {
                optin = true;
            } else if (args.is(j, "optout")) {
                optout = true;
            } else if (args.is(j, "noloop")) {
                noloop = true;
            } else if (args.is(j, "prefix") && more) {
                j++;
                prefixes.add(ByteString.copyOf(args.data(), args.offset(j), args.length(j)));
            } else {
                throw Errors.SYNTAX;
            }
        }
        if (args.is(2, "on")) {
            on(client, redirect, bcast, optin, optout, noloop, prefixes);
        } else if (args.is(2, "off")) {
            client.trackingOff();
        } else {
            throw Errors.SYNTAX;
        }
        client.reply().ok();
    }

    private static void on(Client client, long redirect, boolean bcast, boolean optin, boolean optout,
            boolean noloop, List<ByteString> prefixes) {
        ClientTracking state = client.tracking();
        if (!bcast && !prefixes.isEmpty()) {
            throw new RedisError("ERR PREFIX option requires BCAST mode to be enabled");
        }
        if (state != null && state.bcast() != bcast) {
            throw new RedisError("ERR You can't switch BCAST mode on/off before disabling tracking for this client, "
                    + "and then re-enabling it with a different mode.");
        }
        if (bcast && (optin || optout)) {
            throw new RedisError("ERR OPTIN and OPTOUT are not compatible with BCAST");
        }
        if (optin && optout) {
            throw new RedisError("ERR You can't specify both OPTIN mode and OPTOUT mode");
        }
        if (state != null && ((optin && state.optout()) || (optout && state.optin()))) {
            throw new RedisError("ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, "
                    + "and then re-enabling it with a different mode.");
        }
        if (bcast) {
            String collision = io.bidtrack.engine.tracking.Tracking.prefixCollision(state, prefixes);
            if (collision != null) {
                throw new RedisError(collision);
            }
        }
        if (state == null) {
            state = new ClientTracking();
            client.tracking(state);
        }
        client.engine().tracking().enable(client, state, redirect, bcast, optin, optout, noloop, prefixes);
    }

    /** CLIENT CACHING YES|NO: whether the next command's reads are cached (OPTIN / OPTOUT). */
    static void caching(Client client, CommandArgs args) {
        ClientTracking state = client.tracking();
        if (state == null) {
            throw new RedisError("ERR CLIENT CACHING can be called only when the client is in tracking mode "
                    + "with OPTIN or OPTOUT mode enabled");
        }
        if (args.is(2, "yes")) {
            if (!state.optin()) {
                throw new RedisError("ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.");
            }
        } else if (args.is(2, "no")) {
            if (!state.optout()) {
                throw new RedisError("ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.");
            }
        } else {
            throw Errors.SYNTAX;
        }
        state.cachingGiven();
        client.reply().ok();
    }

    /** CLIENT TRACKINGINFO: a map of flags (a set), redirect and prefixes, as Redis 7.0 lays it out. */
    static void trackingInfo(Client client, CommandArgs args) {
        ClientTracking t = client.tracking();
        List<String> flags = new ArrayList<>();
        flags.add(t == null ? "off" : "on");
        if (t != null) {
            if (t.bcast()) {
                flags.add("bcast");
            }
            if (t.optin()) {
                flags.add("optin");
                if (t.caching()) {
                    flags.add("caching-yes");
                }
            }
            if (t.optout()) {
                flags.add("optout");
                if (t.caching()) {
                    flags.add("caching-no");
                }
            }
            if (t.noloop()) {
                flags.add("noloop");
            }
            if (t.brokenRedirect()) {
                flags.add("broken_redirect");
            }
        }
        ReplyWriter reply = client.reply();
        reply.mapHeader(3);
        reply.bulk("flags");
        reply.setHeader(flags.size());
        flags.forEach(reply::bulk);
        reply.bulk("redirect");
        reply.integer(t == null ? -1 : t.redirect());
        reply.bulk("prefixes");
        if (t == null) {
            reply.arrayHeader(0);
        } else {
            reply.arrayHeader(t.prefixes().size());
            for (ByteString p : t.prefixes()) {
                reply.bulk(p.bytes(), 0, p.length());
            }
        }
    }

    /** CLIENT GETREDIR: the redirect id, 0 when tracking without one, -1 when not tracking. */
    static void getRedir(Client client, CommandArgs args) {
        ClientTracking t = client.tracking();
        client.reply().integer(t == null ? -1 : t.redirect());
    }
}
