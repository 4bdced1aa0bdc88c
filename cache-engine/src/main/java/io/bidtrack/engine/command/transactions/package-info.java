/** Transaction commands: MULTI, EXEC, DISCARD, WATCH, UNWATCH. */
package io.bidtrack.engine.command.transactions;
