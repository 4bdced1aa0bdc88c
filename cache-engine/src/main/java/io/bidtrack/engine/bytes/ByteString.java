package io.bidtrack.engine.bytes;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable byte sequence usable as a map key (pub/sub channel names, fields of large hashes).
 *
 * <p>Redis keys, channels and values are binary-safe, so they are never turned into {@link String}s;
 * this wrapper gives them value equality and a cached hash code.
 */
public final class ByteString {
    private final byte[] bytes;
    private int hash;

    private ByteString(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Copies {@code length} bytes from {@code source} starting at {@code offset}. */
    public static ByteString copyOf(byte[] source, int offset, int length) {
        return new ByteString(Arrays.copyOfRange(source, offset, offset + length));
    }

    /** Wraps an array the caller promises never to modify again. */
    public static ByteString wrap(byte[] bytes) {
        return new ByteString(bytes);
    }

    /** The backing array; callers must not modify it. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteString other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(bytes);
            hash = h;
        }
        return h;
    }

    /** Latin-1 decoding maps every byte to one char, so logs and messages never lose bytes. */
    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
