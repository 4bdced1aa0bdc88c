/** The data: databases of keys with values and TTLs, lazy and active expiry, and the value types. */
package io.bidtrack.engine.keyspace;
