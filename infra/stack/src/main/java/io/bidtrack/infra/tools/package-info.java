/**
 * Small command-line tools for looking into a running stack, used by {@code docs/walkthrough.md}:
 * {@code ./bidtrack sql} ({@link io.bidtrack.infra.tools.SqlMain}, a query through Trino's JDBC
 * driver printed as a table) and {@code ./bidtrack events} (Kafka's console consumer with
 * {@link io.bidtrack.infra.tools.ProtoJsonFormatter}, which prints the protobuf records as JSON).
 */
package io.bidtrack.infra.tools;
