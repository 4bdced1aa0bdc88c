package io.bidtrack.engine.keyspace;

/** The value of a List key: being written (issue #3). */
public final class ListValue {
}
