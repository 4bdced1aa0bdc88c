package io.bidtrack.engine.command;

/** Server-wide counters reported by INFO; updated only by the engine thread. */
public final class ServerStats {
    long commandsProcessed;
    long connectionsReceived;
    long rejectedConnections;
    long outputBufferLimitDisconnections;
    /** Reads from client sockets and writes of replies to them: how well clients and the server batch. */
    private long readsProcessed;
    private long writesProcessed;
    /** instantaneous_ops_per_sec, as Redis: commands per second over the last 16 samples of 100 ms. */
    private final long[] opsSamples = new long[16];
    private int nextSample;
    private long lastSampleMillis;
    private long lastSampleCommands;

    public long commandsProcessed() {
        return commandsProcessed;
    }

    public long connectionsReceived() {
        return connectionsReceived;
    }

    public long rejectedConnections() {
        return rejectedConnections;
    }

    public long outputBufferLimitDisconnections() {
        return outputBufferLimitDisconnections;
    }

    public long readsProcessed() {
        return readsProcessed;
    }

    public long writesProcessed() {
        return writesProcessed;
    }

    public void readProcessed() {
        readsProcessed++;
    }

    public void writeProcessed() {
        writesProcessed++;
    }

    /** Called by the periodic task; takes a sample at most every 100 ms. */
    public void sampleOps(long nowMillis) {
        long elapsed = nowMillis - lastSampleMillis;
        if (elapsed < 100) {
            return;
        }
        if (lastSampleMillis != 0) {
            opsSamples[nextSample] = (commandsProcessed - lastSampleCommands) * 1000 / elapsed;
            nextSample = (nextSample + 1) % opsSamples.length;
        }
        lastSampleMillis = nowMillis;
        lastSampleCommands = commandsProcessed;
    }

    public long instantaneousOpsPerSec() {
        long sum = 0;
        for (long s : opsSamples) {
            sum += s;
        }
        return sum / opsSamples.length;
    }

    /** CONFIG RESETSTAT. */
    public void reset() {
        commandsProcessed = 0;
        lastSampleCommands = 0;
        java.util.Arrays.fill(opsSamples, 0);
        connectionsReceived = 0;
        rejectedConnections = 0;
        outputBufferLimitDisconnections = 0;
        readsProcessed = 0;
        writesProcessed = 0;
    }

    public void connectionReceived() {
        connectionsReceived++;
    }

    public void connectionRejected() {
        rejectedConnections++;
    }

    public void outputBufferLimitDisconnection() {
        outputBufferLimitDisconnections++;
    }
}
