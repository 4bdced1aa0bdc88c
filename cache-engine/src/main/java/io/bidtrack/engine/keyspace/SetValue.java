package io.bidtrack.engine.keyspace;

/** The value of a Set key: being written (issue #3). */
public final class SetValue {
}
