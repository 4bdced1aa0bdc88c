package io.bidtrack.engine.keyspace;

import io.bidtrack.engine.bytes.ByteString;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The value of a hash key (HSET/HGET).
 *
 * <p>Small hashes (the common case: a campaign's few fields) are two parallel arrays searched
 * linearly, in insertion order, like Redis' listpack encoding: compact, fast for a few fields, and
 * HGETALL returns fields in the same order Redis does. Past 512 fields or a field or value longer
 * than 64 bytes (Redis' defaults) the hash converts to a hash map, and stays one.
 */
public final class HashValue {
    static final int MAX_COMPACT_FIELDS = 512;
    static final int MAX_COMPACT_LENGTH = 64;

    private byte[][] fields = new byte[4][];
    private byte[][] values = new byte[4][];
    private int size;
    /** Non-null once converted; then the arrays above are unused. */
    private Map<ByteString, byte[]> map;

    public int size() {
        return map != null ? map.size() : size;
    }

    public byte[] get(byte[] data, int offset, int length) {
        if (map != null) {
            return map.get(ByteString.copyOf(data, offset, length));
        }
        int i = indexOf(data, offset, length);
        return i < 0 ? null : values[i];
    }

    /**
     * Sets a field (copied from the slice if new) to {@code value}, which the hash keeps.
     *
     * @return true if the field is new
     */
    public boolean put(byte[] data, int offset, int length, byte[] value) {
        if (map == null && (length > MAX_COMPACT_LENGTH || value.length > MAX_COMPACT_LENGTH)) {
            convertToMap();
        }
        if (map != null) {
            return map.put(ByteString.copyOf(data, offset, length), value) == null;
        }
        int i = indexOf(data, offset, length);
        if (i >= 0) {
            values[i] = value;
            return false;
        }
        if (size == MAX_COMPACT_FIELDS) {
            convertToMap();
            map.put(ByteString.copyOf(data, offset, length), value);
            return true;
        }
        if (size == fields.length) {
            fields = Arrays.copyOf(fields, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        fields[size] = Arrays.copyOfRange(data, offset, offset + length);
        values[size] = value;
        size++;
        return true;
    }

    /** Removes a field; returns whether it existed. Remaining fields keep their order. */
    public boolean remove(byte[] data, int offset, int length) {
        if (map != null) {
            return map.remove(ByteString.copyOf(data, offset, length)) != null;
        }
        int i = indexOf(data, offset, length);
        if (i < 0) {
            return false;
        }
        System.arraycopy(fields, i + 1, fields, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        fields[size] = null;
        values[size] = null;
        return true;
    }

    /** Visits every field and value; the arrays must not be modified. */
    public void forEach(BiConsumer<byte[], byte[]> action) {
        if (map != null) {
            map.forEach((field, value) -> action.accept(field.bytes(), value));
            return;
        }
        for (int i = 0; i < size; i++) {
            action.accept(fields[i], values[i]);
        }
    }

    /** Whether the hash still has the compact (listpack-like) encoding, for OBJECT ENCODING. */
    public boolean isCompact() {
        return map == null;
    }

    /** A deep copy (COPY): same fields in the same order, same encoding; values are shared, never modified. */
    public HashValue copy() {
        HashValue c = new HashValue();
        if (map != null) {
            c.map = new HashMap<>(map);
            c.fields = null;
            c.values = null;
        } else {
            c.fields = Arrays.copyOf(fields, fields.length);
            c.values = Arrays.copyOf(values, values.length);
            c.size = size;
        }
        return c;
    }

    private int indexOf(byte[] data, int offset, int length) {
        for (int i = 0; i < size; i++) {
            byte[] f = fields[i];
            if (Arrays.equals(f, 0, f.length, data, offset, offset + length)) {
                return i;
            }
        }
        return -1;
    }

    private void convertToMap() {
        map = new HashMap<>(Math.max(16, size * 2));
        for (int i = 0; i < size; i++) {
            map.put(ByteString.wrap(fields[i]), values[i]);
        }
        fields = null;
        values = null;
        size = 0;
    }
}
