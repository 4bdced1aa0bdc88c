package io.bidtrack.engine.resp;

import io.bidtrack.engine.bytes.Numbers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Encodes replies for one connection in RESP2 or RESP3, straight into a pooled Netty buffer.
 *
 * <p>Replies of a whole read batch accumulate in one buffer that the connection flushes once
 * ({@link #take()}), so a pipeline of 100 GETs costs one write system call, not 100. The writer
 * knows the connection's protocol version, so commands say what they mean ({@link #nullValue()},
 * {@link #mapHeader(int)}, {@link #pushHeader(int)}) and get the right encoding for RESP2 or RESP3.
 *
 * <p>Large stored values are not copied: they are immutable, so the writer hands the array itself
 * to Netty, wrapped, after the bytes before it ({@link Sink}).
 */
public final class ReplyWriter {
    /** Receives buffers that must go out before the writer's next bytes (large values). */
    public interface Sink {
        void write(ByteBuf buffer);
    }

    /**
     * Values at least this long are written by reference instead of being copied. Never below
     * KeyEntry.IN_PLACE_LIMIT: a stored string that SET or INCR may overwrite must be copied.
     */
    static final int ZERO_COPY_THRESHOLD = 16 * 1024;
    private static final int INITIAL_CAPACITY = 512;
    /** Batches larger than this still start at this size: idle connections should not pin much. */
    private static final int MAX_INITIAL_CAPACITY = 64 * 1024;

    private static final byte[] OK = ascii("+OK\r\n");
    private static final byte[] RESP2_NULL = ascii("$-1\r\n");
    private static final byte[] RESP3_NULL = ascii("_\r\n");
    private static final byte[] VERBATIM_TEXT_FORMAT = ascii("txt:");
    private static final short CRLF = ('\r' << 8) | '\n';

    private final ByteBufAllocator allocator;
    private final Sink sink;
    private final byte[] digits = new byte[20];
    private ByteBuf buffer;
    /**
     * How big the last taken batch was: the next buffer starts that size, so a pipeline of 16 GETs
     * does not grow its buffer (and copy it) three times on every batch.
     */
    private int lastBatchBytes = INITIAL_CAPACITY;
    private int protocol = 2;
    /** CLIENT REPLY OFF/SKIP: replies are encoded into {@link #discarded} and thrown away. */
    private boolean muted;
    private ByteBuf discarded;

    public ReplyWriter(ByteBufAllocator allocator, Sink sink) {
        this.allocator = allocator;
        this.sink = sink;
    }

    public int protocol() {
        return protocol;
    }

    public void protocol(int version) {
        this.protocol = version;
    }

    /** Drops every reply written while muted (CLIENT REPLY OFF or SKIP). */
    public void muted(boolean muted) {
        this.muted = muted;
    }

    public boolean isMuted() {
        return muted;
    }

    public boolean isResp3() {
        return protocol == 3;
    }

    /** Bytes written and not yet taken. */
    public int pendingBytes() {
        return buffer == null ? 0 : buffer.readableBytes();
    }

    /** Removes and returns the pending bytes (null if none); the caller owns the buffer. */
    public ByteBuf take() {
        ByteBuf taken = buffer;
        buffer = null;
        if (taken != null) {
            lastBatchBytes = Math.min(MAX_INITIAL_CAPACITY, Math.max(INITIAL_CAPACITY, taken.readableBytes()));
        }
        if (taken != null && !taken.isReadable()) {
            taken.release();
            return null;
        }
        return taken;
    }

    /** Drops pending bytes, e.g. when the connection is gone. */
    public void discard() {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }

    public void ok() {
        out().writeBytes(OK);
    }

    public void simpleString(String text) {
        ByteBuf b = out();
        b.writeByte('+');
        b.writeCharSequence(text, StandardCharsets.ISO_8859_1);
        b.writeShort(CRLF);
    }

    /**
     * An error reply; {@code message} starts with its code ({@code "ERR ..."}, {@code "WRONGTYPE ..."}).
     * CR and LF become spaces, as in Redis, since they would end the reply early.
     */
    public void error(String message) {
        ByteBuf b = out();
        b.writeByte('-');
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            b.writeByte(c == '\r' || c == '\n' ? ' ' : c);
        }
        b.writeShort(CRLF);
    }

    public void integer(long value) {
        ByteBuf b = out();
        b.writeByte(':');
        writeDecimal(b, value);
    }

    /**
     * A stored value as a bulk string. Large values are handed to the network by reference
     * instead of being copied into the reply buffer: stored arrays are never modified.
     */
    public void bulk(byte[] value) {
        if (value.length < ZERO_COPY_THRESHOLD || muted) {
            bulk(value, 0, value.length);
            return;
        }
        ByteBuf b = out();
        b.writeByte('$');
        writeDecimal(b, value.length);
        sink.write(take());
        sink.write(Unpooled.wrappedBuffer(value));
        out().writeShort(CRLF);
    }

    /** A slice (e.g. of the request buffer) as a bulk string; always copied. */
    public void bulk(byte[] value, int offset, int length) {
        ByteBuf b = out();
        b.writeByte('$');
        writeDecimal(b, length);
        b.writeBytes(value, offset, length);
        b.writeShort(CRLF);
    }

    /** A bulk string of ASCII text (names, fixed words). */
    public void bulk(String text) {
        ByteBuf b = out();
        b.writeByte('$');
        writeDecimal(b, text.length());
        b.writeCharSequence(text, StandardCharsets.ISO_8859_1);
        b.writeShort(CRLF);
    }

    /** A double already formatted as Redis does ("1.5", "inf"): RESP3's double type, RESP2's bulk string. */
    public void doubleValue(byte[] text) {
        if (protocol != 3) {
            bulk(text);
            return;
        }
        ByteBuf b = out();
        b.writeByte(',');
        b.writeBytes(text);
        b.writeShort(CRLF);
    }

    /**
     * A double: RESP3's double type, RESP2's bulk string. Formatted like C's {@code %.17g} for
     * ordinary magnitudes, as Redis does: 17 significant digits, no trailing zeros.
     */
    public void doubleValue(double value) {
        String text = new java.math.BigDecimal(value).round(new java.math.MathContext(17))
                .stripTrailingZeros().toPlainString();
        if (protocol != 3) {
            bulk(text);
            return;
        }
        ByteBuf b = out();
        b.writeByte(',');
        b.writeCharSequence(text, StandardCharsets.ISO_8859_1);
        b.writeShort(CRLF);
    }

    /** "No value": RESP2's null bulk string, RESP3's null. */
    public void nullValue() {
        out().writeBytes(protocol == 3 ? RESP3_NULL : RESP2_NULL);
    }

    /** A null in the given protocol whatever this connection's (tracking's flush invalidation). */
    public void nullValue(boolean resp3) {
        out().writeBytes(resp3 ? RESP3_NULL : RESP2_NULL);
    }

    public void arrayHeader(int count) {
        header('*', count);
    }

    /** A map of {@code pairs} entries; RESP2 has no maps, so it becomes a flat array there. */
    public void mapHeader(int pairs) {
        if (protocol == 3) {
            header('%', pairs);
        } else {
            header('*', pairs * 2);
        }
    }

    /** An unordered collection: RESP3 set, RESP2 plain array. */
    public void setHeader(int count) {
        header(protocol == 3 ? '~' : '*', count);
    }

    /** Out-of-band data (pub/sub messages): RESP3 push, RESP2 plain array. */
    public void pushHeader(int count) {
        header(protocol == 3 ? '>' : '*', count);
    }

    /** Human-readable text (INFO): RESP3 verbatim string of format "txt", RESP2 bulk string. */
    public void verbatimText(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (protocol != 3) {
            bulk(bytes);
            return;
        }
        ByteBuf b = out();
        b.writeByte('=');
        writeDecimal(b, bytes.length + 4);
        b.writeBytes(VERBATIM_TEXT_FORMAT);
        b.writeBytes(bytes);
        b.writeShort(CRLF);
    }

    private void header(char type, long count) {
        ByteBuf b = out();
        b.writeByte(type);
        writeDecimal(b, count);
    }

    /** Writes the decimal digits of {@code value} followed by CRLF. */
    private void writeDecimal(ByteBuf b, long value) {
        if (value >= 0 && value < 10) {
            b.writeByte('0' + (int) value);
        } else {
            int len = Numbers.writeLong(value, digits, 0);
            b.writeBytes(digits, 0, len);
        }
        b.writeShort(CRLF);
    }

    private ByteBuf out() {
        if (muted) {
            // Muting is rare; a heap buffer reused for every reply keeps the normal path unchanged.
            if (discarded == null) {
                discarded = Unpooled.buffer(INITIAL_CAPACITY);
            }
            return discarded.clear();
        }
        ByteBuf b = buffer;
        if (b == null) {
            b = allocator.ioBuffer(lastBatchBytes);
            buffer = b;
        }
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
