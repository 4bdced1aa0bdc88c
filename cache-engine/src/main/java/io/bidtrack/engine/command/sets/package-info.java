/**
 * Set commands (SADD ... SSCAN, SINTER/SUNION/SDIFF and their STORE forms, SINTERCARD) on
 * {@link io.bidtrack.engine.keyspace.SetValue}; {@link io.bidtrack.engine.command.sets.ScanOptions} is shared with ZSCAN.
 */
package io.bidtrack.engine.command.sets;
