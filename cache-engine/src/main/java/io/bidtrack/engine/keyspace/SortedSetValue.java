package io.bidtrack.engine.keyspace;

/** The value of a SortedSet key: being written (issue #3). */
public final class SortedSetValue {
}
