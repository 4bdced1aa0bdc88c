package io.bidtrack.engine.keyspace;

/** Maps stored value objects to Redis type names. */
public final class ValueTypes {
    private ValueTypes() {
    }

    public static String nameOf(Object value) {
        if (value instanceof byte[]) {
            return "string";
        }
        if (value instanceof HashValue) {
            return "hash";
        }
        if (value instanceof ListValue) {
            return "list";
        }
        if (value instanceof SetValue) {
            return "set";
        }
        if (value instanceof SortedSetValue) {
            return "zset";
        }
        if (value instanceof StreamValue) {
            return "stream";
        }
        return "none";
    }
}
