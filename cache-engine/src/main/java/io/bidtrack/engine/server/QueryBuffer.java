package io.bidtrack.engine.server;

import io.netty.buffer.ByteBuf;

/**
 * The unprocessed input of one connection: a command cut off at the end of a read, or commands
 * waiting while the client does not read its replies.
 *
 * <p>Most reads hold only complete commands, which are parsed straight from the read buffer; this
 * buffer is used only for the remainder, so idle connections cost no buffer memory. It never holds
 * more than the query buffer limit: a client that exceeds it is disconnected.
 */
final class QueryBuffer {
    private static final byte[] EMPTY = new byte[0];
    /** Larger buffers are dropped once empty, so one big request does not pin memory forever. */
    private static final int KEEP_CAPACITY = 16 * 1024;

    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    private long limit;
    private byte[] data = EMPTY;
    private int start;
    private int end;

    QueryBuffer(long limit) {
        limit(limit);
    }

    boolean isEmpty() {
        return start == end;
    }

    byte[] array() {
        return data;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** CONFIG SET client-query-buffer-limit. */
    void limit(long limit) {
        // Redis allows limits past 2 GB; one Java array cannot hold that much, so that is the cap.
        this.limit = Math.min(limit, MAX_ARRAY);
    }

    /** Appends bytes; returns false (and appends nothing) if that would exceed the limit. */
    boolean append(byte[] source, int from, int to) {
        int length = to - from;
        if (!makeRoom(length)) {
            return false;
        }
        System.arraycopy(source, from, data, end, length);
        end += length;
        return true;
    }

    boolean append(ByteBuf source) {
        int length = source.readableBytes();
        if (!makeRoom(length)) {
            return false;
        }
        source.getBytes(source.readerIndex(), data, end, length);
        end += length;
        return true;
    }

    /** Marks everything before {@code position} as processed. */
    void consumeTo(int position) {
        start = position;
        if (start == end) {
            start = 0;
            end = 0;
            if (data.length > KEEP_CAPACITY) {
                data = EMPTY;
            }
        }
    }

    void release() {
        data = EMPTY;
        start = 0;
        end = 0;
    }

    private boolean makeRoom(int length) {
        int size = end - start;
        if ((long) size + length > limit) {
            return false;
        }
        if (end + length <= data.length) {
            return true;
        }
        int needed = size + length;
        if (needed <= data.length) {
            // Enough space once the processed prefix is dropped. The parser's positions are
            // relative to the start of the pending command, so moving the bytes is safe.
            System.arraycopy(data, start, data, 0, size);
        } else {
            int capacity = (int) Math.min(limit, Math.max(needed, Math.max(1024, 2L * data.length)));
            byte[] bigger = new byte[capacity];
            System.arraycopy(data, start, bigger, 0, size);
            data = bigger;
        }
        start = 0;
        end = size;
        return true;
    }
}
