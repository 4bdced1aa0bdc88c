package io.bidtrack.engine.command.strings;

import io.bidtrack.engine.bytes.Numbers;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What OBJECT ENCODING reports for a string value: Redis' choice depends on how the value was made,
 * not only on its bytes. SET and friends give "int" for canonical integers of up to 20 bytes,
 * "embstr" up to 44 bytes, else "raw"; but APPEND and SETRANGE make "raw" strings and INCRBYFLOAT
 * never makes "int" ones. Those few values are remembered here by array identity (byte[] equality
 * is identity), weakly, so nothing is kept once the value is dropped. Engine thread only.
 */
public final class StringEncodings {
    /** Redis stores strings up to this length in the object allocation itself (embstr). */
    private static final int EMBSTR_LIMIT = 44;
    private static final Map<byte[], String> EXCEPTIONS = new WeakHashMap<>();

    private StringEncodings() {
    }

    /** Marks a value built in place, as APPEND and SETRANGE do in Redis. */
    static byte[] raw(byte[] value) {
        EXCEPTIONS.put(value, "raw");
        return value;
    }

    /** Marks a value that Redis would not have turned into an integer object (INCRBYFLOAT). */
    static byte[] notInteger(byte[] value) {
        if (isInteger(value)) {
            EXCEPTIONS.put(value, "embstr");
        }
        return value;
    }

    /** A stored value was overwritten in place (SET, INCR): it is a fresh object again in Redis' eyes. */
    static void overwritten(byte[] value) {
        if (!EXCEPTIONS.isEmpty()) {
            EXCEPTIONS.remove(value);
        }
    }

    /** COPY of a string: a new array (the original may be overwritten in place) with its encoding. */
    public static byte[] copyOf(byte[] value) {
        byte[] copy = value.clone();
        String exception = EXCEPTIONS.isEmpty() ? null : EXCEPTIONS.get(value);
        if (exception != null) {
            EXCEPTIONS.put(copy, exception);
        }
        return copy;
    }

    /** Redis' encoding name for a stored string value. */
    public static String of(byte[] value) {
        String exception = EXCEPTIONS.get(value);
        if (exception != null) {
            return exception;
        }
        return isInteger(value) ? "int" : value.length <= EMBSTR_LIMIT ? "embstr" : "raw";
    }

    /** Canonical 64-bit integers of at most 20 bytes (Redis' tryObjectEncoding test). */
    public static boolean isInteger(byte[] bytes) {
        if (bytes.length > 20) {
            return false;
        }
        try {
            Numbers.parseLong(bytes, 0, bytes.length);
            return true;
        } catch (Numbers.NotANumber e) {
            return false;
        }
    }
}
