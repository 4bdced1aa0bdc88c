package io.bidtrack.engine.command;

import io.bidtrack.engine.resp.CommandArgs;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * CLIENT PAUSE state. While paused, a client's next command (any command in ALL mode; writes and
 * PUBLISH in WRITE mode) is not run: the connection leaves it unparsed in its query buffer, as
 * Redis postpones it, and runs it once the pause ends by timeout or CLIENT UNPAUSE.
 *
 * <p>Simplification: EXEC is judged by its own flags, not by the commands it queued (those were
 * held when queued during a pause), and active expiry keeps running.
 */
public final class ClientPause {
    private final CommandTable commands;
    private boolean active;
    private boolean writesOnly;
    private long untilMillis;
    private Future<?> timer;
    private final Set<Client> held = new LinkedHashSet<>();

    ClientPause(CommandTable commands) {
        this.commands = commands;
    }

    /** A cheap check for the hot path; {@link #holds} does the real work only while paused. */
    public boolean isActive() {
        return active;
    }

    /** Whether this command must wait; if so the client is remembered and resumed on unpause. */
    public boolean holds(Client client, CommandArgs args) {
        if (!active) {
            return false;
        }
        if (writesOnly) {
            CommandSpec spec = commands.find(args.data(), args.offset(0), args.length(0));
            // Unknown commands fail the same either way; let them through to get their error.
            if (spec == null || !(spec.isWrite() || spec.name().equals("publish"))) {
                return false;
            }
        }
        held.add(client);
        return true;
    }

    public void pause(Client by, long millis, boolean writesOnly) {
        this.active = true;
        this.writesOnly = writesOnly;
        this.untilMillis = System.currentTimeMillis() + millis;
        if (timer != null) {
            timer.cancel(false);
        }
        timer = by.connection().schedule(this::expire, millis);
    }

    private void expire() {
        if (active && System.currentTimeMillis() >= untilMillis) {
            unpause();
        }
    }

    public void unpause() {
        active = false;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        for (Client c : held) {
            c.connection().unblocked(); // runs what the client sent meanwhile
        }
        held.clear();
    }

    /** A held client disconnected. */
    public void forget(Client client) {
        held.remove(client);
    }
}
