package io.bidtrack.engine.server;

/**
 * A heap array that all connections of the engine thread share for parsing what they just read.
 * Safe without locks because one thread serves every connection, and nothing keeps a reference to
 * it after a read is processed: commands copy what they store.
 */
final class InputScratch {
    private byte[] array = new byte[64 * 1024];

    byte[] array(int minimumLength) {
        if (array.length < minimumLength) {
            array = new byte[Math.max(minimumLength, array.length * 2)];
        }
        return array;
    }
}
