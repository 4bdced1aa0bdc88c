package io.bidtrack.engine.command;

/** Server-wide counters reported by INFO; updated only by the engine thread. */
public final class ServerStats {
    long commandsProcessed;
    long connectionsReceived;
    long rejectedConnections;

    public long commandsProcessed() {
        return commandsProcessed;
    }

    public long connectionsReceived() {
        return connectionsReceived;
    }

    public long rejectedConnections() {
        return rejectedConnections;
    }

    public void connectionReceived() {
        connectionsReceived++;
    }

    public void connectionRejected() {
        rejectedConnections++;
    }
}
